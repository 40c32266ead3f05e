// An account that signs in only through a provider, through the account's whole life: setting a
// first password after a fresh sign-in, closing the account by a fresh sign-in and restoring it, and
// coming back from dormancy through /reactivate.
import { expect, test, type Page } from '@playwright/test';
import { runRetentionSweep } from './fixtures/cron';
import { testSql } from './fixtures/db';
import { waitForDeliveredMail, waitForOutboxRow } from './fixtures/outbox';
import { approveAtProvider, expectSignedInAs, PROVIDER_BUTTON, signInWithProvider, uniqueSubject, type ProviderAccount } from './fixtures/social';
import { ageSignIn, logIn, uniqueEmail } from './fixtures/users';

const NEW_PASSWORD = 'a brand new passphrase';

/** From a "Confirm with Company SSO" link: the reauthentication page, then the provider, back to `path`. */
async function reauthenticate(page: Page, account: ProviderAccount, path: string): Promise<void> {
  const link = page.getByRole('link', { name: 'Confirm with Company SSO' });
  await expect(link).toHaveAttribute('href', `/account/connections/reauthenticate?${new URLSearchParams({ provider: 'oidc', next: path })}`);
  await link.click();
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeVisible();
  await page.getByRole('button', { name: PROVIDER_BUTTON }).click();
  await approveAtProvider(page, account);
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

async function userRow(email: string) {
  const [row] = await testSql()`select id, status, email, password_hash from users where email = ${email}`;
  return row;
}

test('a social-only person sets a password after a fresh sign-in, then logs in with it', async ({ page }) => {
  const account = { sub: uniqueSubject(), email: uniqueEmail('set-password'), name: 'Da-eun Han' };
  await signInWithProvider(page, account);
  await expectSignedInAs(page, 'Da-eun Han');

  await page.goto('/account');
  await expect(page.getByRole('link', { name: 'Connected accounts' })).toHaveAttribute('href', '/account/connections');
  await page.getByRole('link', { name: 'Set a password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Set a password' })).toBeVisible();
  await expect(page.getByLabel('Current password')).toHaveCount(0);

  // A sign-in older than 10 minutes: no form, the way to confirm instead.
  await ageSignIn(page, 11);
  await page.reload();
  await expect(page.getByRole('main')).toContainText('confirm it is you by signing in again with a connected service');
  await expect(page.getByLabel('New password', { exact: true })).toHaveCount(0);
  await reauthenticate(page, { sub: account.sub }, '/account/password');

  // Fresh now: the form. It goes stale before the submit, and the server refuses.
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
  await ageSignIn(page, 11);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.locator('form').getByRole('alert')).toContainText('More than 10 minutes have passed since you confirmed it is you.');
  expect((await userRow(account.email)).password_hash).toBeNull();
  await reauthenticate(page, { sub: account.sub }, '/account/password');

  // The usual policy applies, and the address is not a password.
  await page.getByLabel('New password', { exact: true }).fill(account.email);
  await page.getByLabel('Confirm new password').fill('something else');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText("Your password cannot be your email address.")).toBeVisible();
  await expect(page.getByText('The passwords do not match.')).toBeVisible();

  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm new password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/account\?passwordSet=1$/);
  await expect(page.getByRole('main').getByRole('status').first()).toHaveText(
    'Your password is set. You can now also log in with your email address and this password.',
  );
  await expect(page.getByRole('link', { name: 'Change password' })).toBeVisible();
  expect((await userRow(account.email)).password_hash).toMatch(/^\$argon2id\$/);
  await waitForOutboxRow(account.email, 'password-changed');

  await page.getByRole('navigation').getByRole('button', { name: 'Log out' }).click();
  await logIn(page, { email: account.email, password: NEW_PASSWORD });
  await expectSignedInAs(page, 'Da-eun Han');
});

test('a social-only person closes the account by a fresh sign-in, and signing in again offers the restore', async ({ page }) => {
  const account = { sub: uniqueSubject(), email: uniqueEmail('withdraw'), name: 'Ji-ho Lim' };
  await signInWithProvider(page, account);
  await expectSignedInAs(page, 'Ji-ho Lim');

  await ageSignIn(page, 11);
  await page.goto('/account/withdraw');
  await expect(page.getByRole('main')).toContainText('confirm it is you by signing in again with a connected service');
  await expect(page.getByLabel('Type DELETE to confirm')).toHaveCount(0);
  await reauthenticate(page, { sub: account.sub }, '/account/withdraw');

  await expect(page.getByLabel('Current password')).toHaveCount(0);
  await page.getByLabel('Type DELETE to confirm').fill('delete');
  await page.getByRole('button', { name: 'Withdraw' }).click();
  await expect(page.getByText('Type the word exactly as shown, in capital letters.')).toBeVisible();
  await page.getByLabel('Type DELETE to confirm').fill('DELETE');
  await page.getByLabel('Reason (optional)').selectOption({ label: 'I have another account' });
  await page.getByRole('button', { name: 'Withdraw' }).click();
  await expect(page).toHaveURL(/\/\?withdrawn=1$/);
  expect(await userRow(account.email)).toMatchObject({ status: 'withdrawn' });
  const mail = await waitForDeliveredMail(account.email, 'withdrawal-confirmed');
  expect(mail.email.subject).toContain('account was closed');

  await signInWithProvider(page, { sub: account.sub });
  await expect(page).toHaveURL(/\/account\/restore$/);
  await page.getByRole('button', { name: 'Restore my account' }).click();
  await expect(page).toHaveURL(/\/account\?restored=1$/);
  await expectSignedInAs(page, 'Ji-ho Lim');
  expect(await userRow(account.email)).toMatchObject({ status: 'active', password_hash: null });
});

test('a dormant social-only account comes back through /reactivate with the mailed code', async ({ page, request }) => {
  const account = { sub: uniqueSubject(), email: uniqueEmail('dormant'), name: 'Seung-woo Baek' };
  await signInWithProvider(page, account);
  await expectSignedInAs(page, 'Seung-woo Baek');
  await page.getByRole('navigation').getByRole('button', { name: 'Log out' }).click();

  const { id } = await userRow(account.email);
  await testSql()`update users set last_login_at = now() - interval '400 days', created_at = now() - interval '800 days' where id = ${id}`;
  await runRetentionSweep(request);
  const [dormant] = await testSql()`select status, email from users where id = ${id}`;
  expect(dormant).toEqual({ status: 'dormant', email: null });
  const [kept] = await testSql()`select email from dormant_accounts where user_id = ${id}`;
  expect(kept.email).toBe(account.email);

  await signInWithProvider(page, { sub: account.sub });
  await expect(page).toHaveURL(/\/reactivate$/);
  const { email: delivered } = await waitForDeliveredMail(account.email, 'reactivation-code');
  const code = delivered.text?.match(/\b\d{6}\b/)?.[0];
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel('Code').fill(code!);
  await page.getByRole('button', { name: 'Reactivate' }).click();
  await expectSignedInAs(page, 'Seung-woo Baek');
  const [active] = await testSql()`select status, email, password_hash from users where id = ${id}`;
  expect(active).toEqual({ status: 'active', email: account.email, password_hash: null });
});
