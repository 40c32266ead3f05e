import { type APIRequestContext, expect, test } from '@playwright/test';
import { type CapturedAction, captureActionRequest } from './fixtures/admin';
import { testSql } from './fixtures/db';
import { createUser, logIn } from './fixtures/users';

// Only admins see the console: everyone else gets the 404 of a page that does not exist, from every
// page, from the CSV route, and from every server action called directly with its id.

const PAGES = ['/admin', '/admin/logins', '/admin/logins?outcome=failure&range=7d', '/admin/users', '/admin/users?q=a', '/admin/sweeps', '/admin/mail', '/admin/audit', '/admin/logins/export'];

async function lockedTarget() {
  const user = await createUser({ verified: false });
  await testSql()`update users set failed_login_count = 10, locked_until = now() + interval '1 hour' where id = ${user.id}`;
  return user;
}

test('a logged-out visitor and a normal user get 404 on every admin URL', async ({ browser, page }) => {
  const target = await createUser();
  const urls = [...PAGES, `/admin/users/${target.id}`];
  for (const url of urls) {
    const response = await page.request.get(url, { maxRedirects: 0 });
    expect(response.status(), `logged out: ${url}`).toBe(404);
  }
  const context = await browser.newContext();
  const userPage = await context.newPage();
  await logIn(userPage, await createUser());
  for (const url of urls) {
    const response = await userPage.goto(url);
    expect(response?.status(), `normal user: ${url}`).toBe(404);
    if (!url.includes('/export')) await expect(userPage.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
  const csv = await userPage.request.get('/admin/logins/export?outcome=failure');
  expect(csv.status()).toBe(404);
  expect(await csv.text()).not.toContain('time_utc');
  await context.close();
});

test('admin actions replayed by a normal user or a visitor answer 404 and change nothing', async ({ browser, page }) => {
  const admin = await createUser({ role: 'admin' });
  await logIn(page, admin);
  const sql = testSql();
  const target = await lockedTarget();
  const withdrawn = await createUser();
  await sql`update users set status = 'withdrawn', withdrawn_at = now() where id = ${withdrawn.id}`;
  const [failedMail] = await sql<{ id: string }[]>`
    insert into mail_outbox (to_address, template, status, attempts, last_error, dedupe_key)
    values (${target.email}, 'verify-email', 'failed', 8, 'boom', ${`e2e-access/${target.id}`}) returning id`;

  // Each capture aborts the request, which leaves the page in an error state: load it afresh each time.
  const captured: Record<string, CapturedAction> = {};
  for (const [name, label] of [
    ['unlock', 'Unlock'],
    ['resend', 'Resend verification'],
    ['expire', 'Expire password'],
  ] as const) {
    await page.goto(`/admin/users/${target.id}`);
    const form = page.getByRole('form', { name: label });
    await form.getByRole('checkbox').check();
    captured[name] = await captureActionRequest(page, () => form.getByRole('button', { name: label }).click());
  }
  await page.goto(`/admin/users/${withdrawn.id}`);
  const restoreForm = page.getByRole('form', { name: 'Restore' });
  await restoreForm.getByRole('checkbox').check();
  captured.restore = await captureActionRequest(page, () => restoreForm.getByRole('button', { name: 'Restore' }).click());
  await page.goto('/admin/sweeps');
  captured.sweep = await captureActionRequest(page, () => page.getByRole('button', { name: 'Run sweep now' }).click());
  await page.goto('/admin/mail');
  captured.retry = await captureActionRequest(page, () =>
    page.getByRole('row', { name: new RegExp(target.email) }).getByRole('button', { name: 'Retry' }).click(),
  );
  await page.goto('/admin/mail');
  captured.retryAll = await captureActionRequest(page, () => page.getByRole('button', { name: 'Retry all failed' }).click());
  expect(new Set(Object.values(captured).map((request) => request.headers['next-action'])).size).toBe(7);

  // Admin-started runs only: other specs run the sweep by its cron route meanwhile.
  const [sweepsBefore] = await sql<{ n: number }[]>`select count(*)::int as n from sweep_runs where trigger = 'admin'`;
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await logIn(userPage, await createUser());
  const visitor = await browser.newContext();
  const replay = (request: APIRequestContext, action: CapturedAction) =>
    request.post(action.url, { headers: action.headers, data: action.body, maxRedirects: 0 });

  for (const [name, action] of Object.entries(captured)) {
    expect((await replay(userContext.request, action)).status(), `normal user: ${name}`).toBe(404);
    expect((await replay(visitor.request, action)).status(), `visitor: ${name}`).toBe(404);
  }

  const [after] = await sql`select failed_login_count, locked_until, password_expired from users where id = ${target.id}`;
  expect(after.failed_login_count).toBe(10);
  expect(after.locked_until).not.toBeNull();
  expect(after.password_expired).toBe(false);
  const [stillWithdrawn] = await sql`select status from users where id = ${withdrawn.id}`;
  expect(stillWithdrawn.status).toBe('withdrawn');
  const [mail] = await sql`select status from mail_outbox where id = ${failedMail.id}`;
  expect(mail.status).toBe('failed');
  const [verifyMails] = await sql<{ n: number }[]>`select count(*)::int as n from mail_outbox where to_address = ${target.email} and template = 'verify-email' and status <> 'failed'`;
  expect(verifyMails.n).toBe(0);
  const [sweepsAfter] = await sql<{ n: number }[]>`select count(*)::int as n from sweep_runs where trigger = 'admin'`;
  expect(sweepsAfter.n).toBe(sweepsBefore.n);
  const [audited] = await sql<{ n: number }[]>`select count(*)::int as n from admin_audit where target in (${target.id}, ${withdrawn.id}, ${failedMail.id}) and action not like '%.view'`;
  expect(audited.n).toBe(0);

  // The same captured request from the admin does work: the 404s above are the role check, not a bad replay.
  expect((await replay(page.request, captured.unlock)).status()).toBe(200);
  const [unlocked] = await sql`select failed_login_count from users where id = ${target.id}`;
  expect(unlocked.failed_login_count).toBe(0);

  await userContext.close();
  await visitor.close();
});
