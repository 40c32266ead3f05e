import { expect, test } from '@playwright/test';
import { testSql } from './fixtures/db';
import { createUser, logIn } from './fixtures/users';

test('the footer switcher changes the language, and a signed-in choice follows the person to a new session', async ({ browser }) => {
  const user = await createUser({ name: 'Switcher' });

  const first = await browser.newContext({ extraHTTPHeaders: { 'accept-language': 'en-US,en;q=0.9' } });
  const page = await first.newPage();
  await logIn(page, user);
  await page.getByLabel('Language').selectOption('ko');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('navigation').getByRole('button', { name: '로그아웃' })).toBeVisible();
  await expect.poll(async () => (await testSql()`select locale from users where id = ${user.id}`)[0].locale).toBe('ko');
  await first.close();

  // Another browser that asks for English and has no cookie: once signed in, the saved choice wins.
  const second = await browser.newContext({ extraHTTPHeaders: { 'accept-language': 'en-US,en;q=0.9' } });
  const other = await second.newPage();
  await other.goto('/login');
  await expect(other.locator('html')).toHaveAttribute('lang', 'en');
  await other.getByLabel('Email').fill(user.email);
  await other.getByLabel('Password').fill(user.password);
  await other.getByRole('button', { name: 'Log in' }).click();
  await expect(other.getByRole('navigation').getByRole('link', { name: '내 계정' })).toBeVisible();
  await expect(other.locator('html')).toHaveAttribute('lang', 'ko');

  // Switching back to English is saved the same way.
  await other.getByLabel('언어').selectOption('en');
  await expect(other.locator('html')).toHaveAttribute('lang', 'en');
  await expect.poll(async () => (await testSql()`select locale from users where id = ${user.id}`)[0].locale).toBe('en');
  await second.close();
});

test('a visitor\'s choice is kept in a cookie across pages', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Language').selectOption('ko');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: '로그인' })).toBeVisible();
});
