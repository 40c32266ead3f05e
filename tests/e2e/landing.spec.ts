import { expect, test } from '@playwright/test';

test('the landing page names the product and links to sign up and log in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Lifecycle' })).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/signup$/);
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test('the health check answers after a real query', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ ok: true, db: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
});

test('the landing page speaks Korean to a Korean browser', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ko-KR', extraHTTPHeaders: { 'accept-language': 'ko-KR,ko;q=0.9' } });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('main').getByRole('link', { name: '회원가입' })).toBeVisible();
  await context.close();
});
