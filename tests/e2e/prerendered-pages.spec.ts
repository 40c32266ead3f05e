import { expect, test } from '@playwright/test';
import { createUser, submitPassword } from './fixtures/users';

// The public pages are prerendered once per locale (app/[locale], proxy.ts) and served from Next's
// cache; the locale comes from the cookie or Accept-Language at the same URL, and what depended on
// the request (query notices, the header's signed-in part) is read in the browser.

const langOf = (html: string) => /<html lang="([a-z]+)"/.exec(html)?.[1];

test('a public page answers from the cache, privately, in the language of the cookie or the browser', async ({ request }) => {
  await request.get('/terms', { headers: { cookie: 'locale=en' } });
  const cached = await request.get('/terms', { headers: { cookie: 'locale=en' } });
  expect(cached.status()).toBe(200);
  expect(cached.headers()['x-nextjs-cache']).toBe('HIT');
  expect(cached.headers()['cache-control']).toBe('private, no-cache');
  expect(cached.headers()['vary']).toContain('Cookie, Accept-Language');
  expect(cached.headers()['content-security-policy']).toContain("default-src 'self'");
  expect(langOf(await cached.text())).toBe('en');

  const byBrowser = await request.get('/terms', { headers: { 'accept-language': 'ko-KR,ko;q=0.9' } });
  expect(langOf(await byBrowser.text())).toBe('ko');
  const cookieFirst = await request.get('/terms', { headers: { cookie: 'locale=en', 'accept-language': 'ko' } });
  expect(langOf(await cookieFirst.text())).toBe('en');
});

test('a page has one URL: its locale copies are not reachable themselves', async ({ request }) => {
  for (const path of ['/en/login', '/ko/terms', '/en', '/ko/account']) {
    const response = await request.get(path, { headers: { cookie: 'locale=ko' } });
    expect(response.status(), path).toBe(404);
  }
});

test('query notices show on prerendered pages', async ({ page }) => {
  await page.goto('/login?verified=1');
  await expect(page.getByRole('status').filter({ hasText: /verified/i })).toBeVisible();
  await page.goto('/login?error=withdrawn');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This account has been closed');
  await page.goto('/?withdrawn=1');
  await expect(page.getByRole('main').getByRole('status')).toContainText('Your account is closed');
});

test('the header of a public page names the signed-in person until Log out; sign-in brings the saved language', async ({ page, context }) => {
  const user = await createUser({ name: 'Seo-yeon Park', locale: 'ko' });
  await submitPassword(page, user);
  await page.waitForURL(/\/account$/);
  const hint = (await context.cookies()).find((cookie) => cookie.name === 'signed-in');
  expect(hint?.httpOnly).toBe(false);
  expect((await context.cookies()).find((cookie) => cookie.name === 'locale')?.value).toBe('ko');
  await page.goto('/terms');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByRole('navigation')).toContainText('Seo-yeon Park');
  await page.getByRole('navigation').getByRole('button').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('navigation')).not.toContainText('Seo-yeon Park');
  expect((await context.cookies()).find((cookie) => cookie.name === 'signed-in')).toBeUndefined();
});
