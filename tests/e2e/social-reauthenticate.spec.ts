import { expect, test } from '@playwright/test';
import { approveAtProvider, expectSignedInAs, signInWithProvider, uniqueSubject } from './fixtures/social';
import { uniqueEmail } from './fixtures/users';

test('a social-only person confirms it is them with their provider, and only with their own account', async ({ page }) => {
  const sub = uniqueSubject();
  await signInWithProvider(page, { sub, email: uniqueEmail('reauth'), name: 'Yuna Jung' });
  await expectSignedInAs(page, 'Yuna Jung');

  await page.goto('/account/connections/reauthenticate?provider=oidc&next=/account/connections');
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeVisible();
  await page.getByRole('button', { name: 'Continue with Company SSO' }).click();
  await approveAtProvider(page, { sub: uniqueSubject('stranger') });
  await expect(page).toHaveURL(/\/account\/connections\?error=reauth-mismatch/);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('You signed in with a different account at that service.');
  await expectSignedInAs(page, 'Yuna Jung');

  await page.goto('/account/connections/reauthenticate?provider=oidc&next=/account/connections');
  await page.getByRole('button', { name: 'Continue with Company SSO' }).click();
  await approveAtProvider(page, { sub });
  await expect(page).toHaveURL(/\/account\/connections$/);
  await expectSignedInAs(page, 'Yuna Jung');
});
