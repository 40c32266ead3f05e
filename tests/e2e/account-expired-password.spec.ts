import { expect, test } from '@playwright/test';
import { testSql } from './fixtures/db';
import { createUser } from './fixtures/users';

const EXPIRED_MESSAGE = 'Your password is older than 60 days and must be changed before you continue.';

test('an expired password locks every page to /account/password until it is changed', async ({ page }) => {
  const user = await createUser();
  await testSql()`update users set password_expired = true, password_changed_at = now() - interval '61 days' where id = ${user.id}`;

  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  // Logging in lands straight on the change page.
  await expect(page).toHaveURL(/\/account\/password\?expired=1$/);
  await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(EXPIRED_MESSAGE);

  // Public pages (through proxy.ts) and protected pages (through requireUser) alike.
  for (const path of ['/', '/terms', '/login', '/account', '/account/email', '/account/withdraw']) {
    await page.goto(path);
    await expect(page, `visiting ${path}`).toHaveURL(/\/account\/password\?expired=1$/);
  }

  await page.getByLabel('Current password', { exact: true }).fill(user.password);
  await page.getByLabel('New password', { exact: true }).fill('a fresh new password');
  await page.getByLabel('Confirm new password', { exact: true }).fill('a fresh new password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/account\?passwordChanged=1$/);

  for (const path of ['/', '/account/email']) {
    await page.goto(path);
    await expect(page, `visiting ${path}`).toHaveURL(new RegExp(`${path.replace('/', '\\/')}$`));
  }
  await page.goto('/account/password');
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
});

test('log out still works with an expired password', async ({ page }) => {
  const user = await createUser();
  await testSql()`update users set password_expired = true where id = ${user.id}`;
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
  await page.goto('/');
  await expect(page).toHaveURL(/\/account\/password\?expired=1$/);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
});

test('a password that expires after login is caught on protected pages', async ({ page }) => {
  const user = await createUser();
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/account$/);

  // The retention sweep sets the flag while the session is open.
  await testSql()`update users set password_expired = true where id = ${user.id}`;
  await page.goto('/account/withdraw');
  await expect(page).toHaveURL(/\/account\/password\?expired=1$/);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(EXPIRED_MESSAGE);
});
