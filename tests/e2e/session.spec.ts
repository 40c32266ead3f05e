import { expect, test } from '@playwright/test';
import { createUser, logIn } from './fixtures/users';

test('a verified person logs in and out through the header', async ({ page }) => {
  const user = await createUser({ name: 'Min-ji Kim' });
  await logIn(page, user);
  await expect(page.getByRole('navigation')).toContainText('Min-ji Kim');
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
});

test('a wrong password shows one message in the form', async ({ page }) => {
  const user = await createUser();
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong email or password.');
});
