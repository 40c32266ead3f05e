import { expect, test } from '@playwright/test';
import { testSql } from './fixtures/db';
import { approveAtProvider, expectSignedInAs, loginEventsSince, signInWithProvider, uniqueSubject } from './fixtures/social';
import { createUser, logIn, uniqueEmail } from './fixtures/users';

test('a person with a password connects the provider, signs in with it, then disconnects it', async ({ page }) => {
  const user = await createUser({ name: 'Hana Choi' });
  const sub = uniqueSubject();
  await logIn(page, user);
  await page.goto('/account/connections');
  await expect(page.getByRole('heading', { name: 'Connected accounts' })).toBeVisible();
  await page.getByRole('button', { name: 'Connect Company SSO' }).click();
  // The provider's address differs from ours: linking is by the person's choice, not by address.
  await approveAtProvider(page, { sub, email: uniqueEmail('elsewhere'), name: 'Hana at work' });

  await expect(page).toHaveURL(/\/account\/connections\?linked=oidc/);
  await expect(page.getByRole('status').filter({ hasText: 'Company SSO is now connected.' })).toBeVisible();
  await expect(page.getByText(/Connected on/)).toBeVisible();
  await expectSignedInAs(page, 'Hana Choi');

  await page.getByRole('button', { name: 'Log out' }).click();
  await signInWithProvider(page, { sub });
  await expectSignedInAs(page, 'Hana Choi');

  await page.goto('/account/connections');
  await page.getByRole('button', { name: 'Disconnect Company SSO' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Company SSO is disconnected.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connect Company SSO' })).toBeVisible();
  expect(await testSql()`select 1 from accounts where user_id = ${user.id}`).toHaveLength(0);
});

test('the only way to sign in cannot be disconnected until a password is set', async ({ page }) => {
  const email = uniqueEmail('social-only');
  await signInWithProvider(page, { sub: uniqueSubject(), email, name: 'Min-su Kang' });
  await expectSignedInAs(page, 'Min-su Kang');
  await page.goto('/account/connections');
  await expect(page.getByRole('link', { name: 'Set a password' })).toBeVisible();

  await page.getByRole('button', { name: 'Disconnect Company SSO' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(
    'This is your only way to sign in. Set a password first, then you can disconnect it.',
  );
  const sql = testSql();
  const links = await sql`select 1 from accounts a join users u on u.id = a.user_id where u.email = ${email}`;
  expect(links).toHaveLength(1);
});

test('a provider account linked to someone else is not moved', async ({ page, browser }) => {
  const since = new Date(Date.now() - 1_000);
  const sub = uniqueSubject();
  const other = await browser.newContext({ baseURL: process.env.E2E_BASE_URL });
  const otherPage = await other.newPage();
  await signInWithProvider(otherPage, { sub, email: uniqueEmail('first-owner'), name: 'First Owner' });
  await expectSignedInAs(otherPage, 'First Owner');
  await other.close();

  const user = await createUser({ name: 'Second Person' });
  await logIn(page, user);
  await page.goto('/account/connections');
  await page.getByRole('button', { name: 'Connect Company SSO' }).click();
  await approveAtProvider(page, { sub });

  await expect(page).toHaveURL(/\/account\/connections\?error=linked-elsewhere/);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('already connected to another account here');
  await expectSignedInAs(page, 'Second Person');
  expect(await testSql()`select 1 from accounts where user_id = ${user.id}`).toHaveLength(0);
  const [event] = await loginEventsSince(since, { userId: user.id });
  expect(event).toMatchObject({ success: false, reason: 'link_conflict', provider: 'oidc' });
});
