// The e2e app runs with RESEND_API_KEY set (mail goes to the fake Resend), so the local mailbox
// must not exist there; the cron route answers only to the bearer secret.
import { expect, test } from '@playwright/test';

test('the local mailbox is not served while Resend delivers the mail', async ({ page }) => {
  const response = await page.goto('/dev/mailbox');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Local mailbox' })).toHaveCount(0);
});

test('the mail cron route refuses calls without the bearer secret', async ({ request }) => {
  expect((await request.get('/api/cron/mail')).status()).toBe(401);
  expect((await request.get('/api/cron/mail', { headers: { authorization: 'Bearer wrong' } })).status()).toBe(401);
  const response = await request.get('/api/cron/mail', { headers: { authorization: `Bearer ${process.env.E2E_CRON_SECRET}` } });
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ failed: 0 });
});
