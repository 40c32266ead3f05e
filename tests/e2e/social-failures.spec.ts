import { expect, test } from '@playwright/test';
import { loginEventsSince, PROVIDER_BUTTON, uniqueSubject } from './fixtures/social';

// A user agent of its own, so this file's login log rows can be told apart from parallel tests'.
const USER_AGENT = `Playwright social-failures ${Date.now().toString(36)}-${process.pid}`;
test.use({ userAgent: USER_AGENT });

test('refusing consent at the provider is logged and explained', async ({ page }) => {
  const since = new Date(Date.now() - 1_000);
  await page.goto('/login');
  await page.getByRole('button', { name: PROVIDER_BUTTON }).click();
  await expect(page.getByRole('heading', { name: 'Mock identity provider' })).toBeVisible();
  await page.getByRole('button', { name: 'Deny' }).click();

  await expect(page).toHaveURL(/\/login\?error=access-denied/);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Sign-in was cancelled at the other service. Nothing was changed.');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
  const events = await loginEventsSince(since, { userAgent: USER_AGENT });
  expect(events.find((event) => event.reason === 'access_denied')).toMatchObject({ success: false, provider: 'oidc', user_id: null });
  expect(events.find((event) => event.reason === 'access_denied')?.ip).toBeTruthy();
});

test('a callback whose state does not match is refused, logged and explained', async ({ page }) => {
  const since = new Date(Date.now() - 1_000);
  await page.goto('/login');
  await page.getByRole('button', { name: PROVIDER_BUTTON }).click();
  await expect(page.getByRole('heading', { name: 'Mock identity provider' })).toBeVisible();
  // A forged or replayed callback: the provider sends back a state this browser never got.
  await page.locator('input[name="state"]').evaluate((input: HTMLInputElement) => {
    input.value = `${input.value.slice(0, -4)}AAAA`;
  });
  await page.getByLabel('Subject').fill(uniqueSubject());
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page).toHaveURL(/\/login\?error=state-mismatch/);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('This sign-in expired or was not started on this site. Please try again.');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
  const events = await loginEventsSince(since, { userAgent: USER_AGENT });
  expect(events.find((event) => event.reason === 'state_mismatch')).toMatchObject({ success: false, provider: 'oidc' });
});
