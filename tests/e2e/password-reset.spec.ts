import { expect, test, type Page } from '@playwright/test';
import { contextFromIp } from './fixtures/client-ip';
import { testSql } from './fixtures/db';
import { outboxMails, waitForDeliveredMail } from './fixtures/outbox';
import { createUser, logIn, uniqueEmail } from './fixtures/users';

const SENT = 'If an account exists for that address, we sent a reset link.';
const NEW_PASSWORD = 'marmalade-quarry-93';

/** Sends the form of /forgot-password (already open) and waits for its answer, the same for any address. */
async function sendResetRequest(page: Page, email: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.locator('form').getByRole('status')).toHaveText(SENT);
}

async function askForReset(page: Page, email: string) {
  await page.goto('/forgot-password');
  await sendResetRequest(page, email);
}

/** The link in the reset mail delivered to this address. */
async function resetLinkFor(email: string) {
  return (await waitForDeliveredMail(email, 'reset-password')).link('/reset-password?token=');
}

/** Fills both fields of the reset page with `password` (and `confirmation`) and sends them. */
async function chooseNewPassword(page: Page, password: string, confirmation = password) {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(confirmation);
  await page.getByRole('button', { name: 'Reset password' }).click();
}

test('a password reset ends the session in another browser and the old password stops working', async ({ browser }) => {
  const user = await createUser({ name: 'Reset Person' });
  const first = await contextFromIp(browser);
  const elsewhere = await first.context.newPage();
  await logIn(elsewhere, user);

  const second = await contextFromIp(browser);
  const page = await second.context.newPage();
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await sendResetRequest(page, user.email);

  const resetUrl = await resetLinkFor(user.email);
  await page.goto(resetUrl);
  await chooseNewPassword(page, NEW_PASSWORD, 'something else entirely');
  await expect(page.getByLabel('Confirm new password')).toHaveAccessibleDescription('The passwords do not match.');

  await chooseNewPassword(page, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.locator('form').getByRole('status').first()).toHaveText('Your password has been reset. Log in with your new password.');
  await waitForDeliveredMail(user.email, 'password-changed');
  const [row] = await testSql()<{ password_expired: boolean; session_version: number }[]>`select password_expired, session_version from users where id = ${user.id}`;
  expect(row).toEqual({ password_expired: false, session_version: 2 });

  // The other browser's session ended.
  await elsewhere.goto('/');
  await expect(elsewhere.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();

  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong email or password.');
  await logIn(page, { email: user.email, password: NEW_PASSWORD });

  // The link was single use.
  await page.goto(resetUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This reset link is invalid or has expired');
  await expect(page.getByRole('main').getByRole('link', { name: 'Request a new reset link' })).toBeVisible();
  await first.context.close();
  await second.context.close();
});

test('forgot password answers the same for unknown addresses, and rate-limits per address', async ({ page }) => {
  const user = await createUser();
  const ask = (email: string) => askForReset(page, email);
  const nobody = uniqueEmail('nobody');
  await ask(nobody);
  await ask(user.email);
  await ask(user.email);
  expect(await outboxMails(nobody)).toHaveLength(0);
  expect(await outboxMails(user.email, 'reset-password')).toHaveLength(1);
});

test('an expired reset link shows the invalid page and changes nothing', async ({ page }) => {
  const user = await createUser();
  await askForReset(page, user.email);
  const resetUrl = await resetLinkFor(user.email);
  await testSql()`update auth_tokens set expires_at = now() - interval '1 second' where user_id = ${user.id} and purpose = 'reset_password'`;
  await page.goto(resetUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This reset link is invalid or has expired');
  await page.goto(`/reset-password?token=${'A'.repeat(43)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This reset link is invalid or has expired');
});

test('a reset link sent to the old address stops working once the email has changed', async ({ page }) => {
  const user = await createUser();
  await askForReset(page, user.email);
  const resetUrl = await resetLinkFor(user.email);

  const newEmail = uniqueEmail('moved');
  await logIn(page, user);
  await page.goto('/account/email');
  await page.getByLabel('New email').fill(newEmail);
  await page.getByLabel('Current password').fill(user.password);
  await page.getByRole('button', { name: 'Send confirmation' }).click();
  await page.goto((await waitForDeliveredMail(newEmail, 'change-email-confirm')).link('/account/email/confirm'));
  await expect(page.getByRole('main').getByRole('status')).toHaveText(`Your email is now ${newEmail}.`);

  await page.goto(resetUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This reset link is invalid or has expired');
  const [token] = await testSql()<{ n: number }[]>`select count(*)::int as n from auth_tokens where user_id = ${user.id} and purpose = 'reset_password' and used_at is null`;
  expect(token.n).toBe(0);
});

test('a pending email-change link stops working after a password reset', async ({ page }) => {
  const user = await createUser();
  const thief = uniqueEmail('thief');
  await logIn(page, user);
  await page.goto('/account/email');
  await page.getByLabel('New email').fill(thief);
  await page.getByLabel('Current password').fill(user.password);
  await page.getByRole('button', { name: 'Send confirmation' }).click();
  const confirmUrl = (await waitForDeliveredMail(thief, 'change-email-confirm')).link('/account/email/confirm');

  await page.getByRole('button', { name: 'Log out' }).click();
  await askForReset(page, user.email);
  await page.goto(await resetLinkFor(user.email));
  await chooseNewPassword(page, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/login\?reset=1$/);

  await logIn(page, { email: user.email, password: NEW_PASSWORD });
  await page.goto(confirmUrl);
  await expect(page.getByRole('main').getByRole('alert')).toBeVisible();
  const [row] = await testSql()<{ email: string }[]>`select email from users where id = ${user.id}`;
  expect(row.email).toBe(user.email);
});
