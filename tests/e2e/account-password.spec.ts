import { expect, test, type Page } from '@playwright/test';
import { testSql } from './fixtures/db';
import { waitForEmail } from './fixtures/mailbox';
import { createUser, logIn } from './fixtures/users';

async function fillPasswordForm(page: Page, values: { current: string; next: string; confirm: string }) {
  await page.getByLabel('Current password', { exact: true }).fill(values.current);
  await page.getByLabel('New password', { exact: true }).fill(values.next);
  await page.getByLabel('Confirm new password', { exact: true }).fill(values.confirm);
  await page.getByRole('button', { name: 'Change password' }).click();
}

test('each validation error shows under its field and the password stays', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  await page.goto('/account/password');
  const [before] = await testSql()`select password_hash, session_version from users where id = ${user.id}`;

  await fillPasswordForm(page, { current: '', next: '', confirm: '' });
  await expect(page.getByLabel('Current password', { exact: true })).toHaveAccessibleDescription('This field is required.');
  // The new-password field also carries the policy hint in its description.
  await expect(page.getByLabel('New password', { exact: true })).toHaveAccessibleDescription(/password\. This field is required\./);

  await fillPasswordForm(page, { current: user.password, next: 'short', confirm: 'short' });
  await expect(page.getByLabel('New password', { exact: true })).toHaveAccessibleDescription(/password\. Use at least 8 characters\.$/);

  await fillPasswordForm(page, { current: user.password, next: 'a brand new password', confirm: 'a different password' });
  await expect(page.getByLabel('Confirm new password', { exact: true })).toHaveAccessibleDescription('The passwords do not match.');

  await fillPasswordForm(page, { current: user.password, next: user.password, confirm: user.password });
  await expect(page.getByLabel('New password', { exact: true })).toHaveAccessibleDescription(/password\. Choose a password different from your current one\.$/);

  await fillPasswordForm(page, { current: 'not my password', next: 'a brand new password', confirm: 'a brand new password' });
  await expect(page.getByLabel('Current password', { exact: true })).toHaveAccessibleDescription('The current password is not correct.');
  // Passwords are never echoed back.
  await expect(page.getByLabel('New password', { exact: true })).toHaveValue('');

  const [after] = await testSql()`select password_hash, session_version from users where id = ${user.id}`;
  expect(after).toEqual(before);
});

test('after five wrong current passwords the form refuses even the right one and says when to try again', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  await page.goto('/account/password');
  const [before] = await testSql()`select password_hash, session_version from users where id = ${user.id}`;
  const failures = async () => Number((await testSql()`select count(*)::int as n from rate_limit_hits where key = ${`reauth:${user.id}`}`)[0].n);

  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await fillPasswordForm(page, { current: `guess number ${attempt}`, next: 'a brand new password', confirm: 'a brand new password' });
    await expect.poll(failures).toBe(attempt);
    await expect(page.getByLabel('Current password', { exact: true })).toHaveAccessibleDescription('The current password is not correct.');
  }
  await fillPasswordForm(page, { current: user.password, next: 'a brand new password', confirm: 'a brand new password' });
  await expect(page.getByLabel('Current password', { exact: true })).toHaveAccessibleDescription('Too many wrong passwords. Try again in 15 minutes.');

  const [after] = await testSql()`select password_hash, session_version from users where id = ${user.id}`;
  expect(after).toEqual(before);
  expect(await failures()).toBe(5);
});

test('a change keeps this session, ends the other device and mails the owner', async ({ page, browser }) => {
  const user = await createUser();
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, user);
  await logIn(page, user);

  await page.goto('/account/password');
  await fillPasswordForm(page, { current: user.password, next: 'a brand new password', confirm: 'a brand new password' });
  await expect(page).toHaveURL(/\/account\?passwordChanged=1$/);
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Your password was changed. Other devices have been logged out.');

  // This device stays signed in across pages.
  await page.goto('/account/email');
  await expect(page).toHaveURL(/\/account\/email$/);

  // The other device is signed out on its next request.
  await otherPage.goto('/account');
  await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
  await other.close();

  const [row] = await testSql()`select password_expired, password_changed_at > now() - interval '1 minute' as recent from users where id = ${user.id}`;
  expect(row).toEqual({ password_expired: false, recent: true });
  await waitForEmail(user.email, { subject: 'password was changed' });

  // The new password works; the old one does not.
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
  await logIn(page, { email: user.email, password: 'a brand new password' });
});
