import { type Page, expect, test } from '@playwright/test';
import { uniqueTag } from './fixtures/admin';
import { linkFrom, waitForEmail } from './fixtures/mailbox';
import { testSql } from './fixtures/db';
import { createUser, logIn } from './fixtures/users';

// What an admin does to accounts, sweeps and mail: each action needs its confirmation (where it
// changes an account), changes the database, and lands in the audit log.

let adminEmail = '';

test.beforeEach(async ({ page }) => {
  const admin = await createUser({ role: 'admin' });
  adminEmail = admin.email;
  await logIn(page, admin);
});

async function audited(action: string, target: string | null) {
  const rows = await testSql()`select admin_email, details from admin_audit where action = ${action} and admin_email = ${adminEmail}
    and (${target}::text is null or target = ${target}) order by id desc`;
  return rows;
}

async function runAction(page: Page, label: string, confirm = true) {
  const form = page.getByRole('form', { name: label });
  if (confirm) await form.getByRole('checkbox').check();
  await form.getByRole('button', { name: label }).click();
  return form;
}

test('finds an account by email prefix and unlocks it only after confirmation', async ({ page }) => {
  const tag = uniqueTag();
  const user = await createUser({ email: `${tag}-locked@example.com` });
  await testSql()`update users set failed_login_count = 12, locked_until = now() + interval '30 minutes' where id = ${user.id}`;

  await page.goto('/admin/users');
  await page.getByLabel('Email starts with').fill(tag);
  await page.getByRole('button', { name: 'Search' }).click();
  const row = page.getByRole('row', { name: new RegExp(user.email) });
  await expect(row).toContainText('Locked until');
  await expect(row).toContainText('Active');
  await row.getByRole('link', { name: user.email }).click();

  const form = await runAction(page, 'Unlock', false);
  await expect(form.getByRole('alert')).toHaveText('Tick the box to confirm first.');
  const [still] = await testSql()`select failed_login_count from users where id = ${user.id}`;
  expect(still.failed_login_count).toBe(12);

  await runAction(page, 'Unlock');
  await expect(form.getByRole('status')).toHaveText('The account is unlocked.');
  const [after] = await testSql()`select failed_login_count, locked_until from users where id = ${user.id}`;
  expect(after).toEqual({ failed_login_count: 0, locked_until: null });
  expect(await audited('user.unlock', user.id)).toHaveLength(1);
  await page.reload();
  await expect(page.getByText('Not locked')).toBeVisible();
});

test('resends verification with a fresh link and invalidates the old one', async ({ page }) => {
  const user = await createUser({ verified: false });
  const sql = testSql();
  await sql`insert into auth_tokens (user_id, purpose, token_hash, expires_at) values (${user.id}, 'verify_email', ${`old-${user.id}`}, now() + interval '1 day')`;
  await page.goto(`/admin/users/${user.id}`);
  const form = await runAction(page, 'Resend verification');
  await expect(form.getByRole('status')).toHaveText('A new verification link is on its way.');

  const tokens = await sql`select token_hash from auth_tokens where user_id = ${user.id} and purpose = 'verify_email' and used_at is null`;
  expect(tokens).toHaveLength(1);
  expect(tokens[0].token_hash).not.toBe(`old-${user.id}`);
  // The mail arrives and its link verifies the address.
  const mail = await waitForEmail(user.email);
  const link = linkFrom(mail, '/verify-email?token=');
  expect(link.startsWith(`${process.env.E2E_BASE_URL}/verify-email?token=`)).toBe(true);
  await page.goto(link);
  await expect.poll(async () => (await sql`select email_verified_at from users where id = ${user.id}`)[0].email_verified_at).not.toBeNull();
  expect(await audited('user.resend-verification', user.id)).toHaveLength(1);
});

test('expires a password and restores a withdrawn account', async ({ page }) => {
  const sql = testSql();
  const user = await createUser();
  await page.goto(`/admin/users/${user.id}`);
  await expect(page.getByRole('form', { name: 'Restore' }).getByRole('button')).toBeDisabled();
  const form = await runAction(page, 'Expire password');
  await expect(form.getByRole('status')).toHaveText('The password is marked as expired.');
  const [expired] = await sql`select password_expired from users where id = ${user.id}`;
  expect(expired.password_expired).toBe(true);
  expect(await audited('user.expire-password', user.id)).toHaveLength(1);

  const withdrawn = await createUser();
  await sql`update users set status = 'withdrawn', withdrawn_at = now() where id = ${withdrawn.id}`;
  await page.goto(`/admin/users/${withdrawn.id}`);
  await expect(page.getByRole('definition').filter({ hasText: 'Withdrawn' }).first()).toBeVisible();
  const restore = await runAction(page, 'Restore');
  await expect(restore.getByRole('status')).toHaveText('The account is active again.');
  const [restored] = await sql`select status, withdrawn_at from users where id = ${withdrawn.id}`;
  expect(restored).toEqual({ status: 'active', withdrawn_at: null });
  expect(await audited('user.restore', withdrawn.id)).toHaveLength(1);
});

test('runs a sweep now and retries failed mail, each audited; the audit log filters by action', async ({ page }) => {
  const sql = testSql();
  await page.goto('/admin/sweeps');
  await page.getByRole('button', { name: 'Run sweep now' }).click();
  await expect(page.getByRole('form', { name: 'Run sweep now' }).getByRole('status')).toContainText('Sweep run:');
  expect(await audited('sweep.run', null)).toHaveLength(1);

  const tag = uniqueTag();
  const failed = await sql<{ id: string; to_address: string }[]>`
    insert into mail_outbox (to_address, template, props, status, attempts, last_error, dedupe_key)
    select ${tag} || '-' || g || '@example.com', 'verify-email',
           jsonb_build_object('name', null, 'verifyUrl', 'http://localhost/verify-email?token=x', 'expiresAt', now() + interval '1 day'),
           'failed', 8, 'Resend 422: ' || ${tag}, ${tag} || '/' || g
    from generate_series(1, 3) g returning id, to_address`;
  await page.goto('/admin/mail');
  const row = page.getByRole('row', { name: new RegExp(failed[0].to_address) });
  await expect(row).toContainText(`Resend 422: ${tag}`);
  await row.getByRole('button', { name: 'Retry' }).click();
  // Back in the queue (and possibly already delivered again): no longer failed.
  await expect.poll(async () => (await sql`select status from mail_outbox where id = ${failed[0].id}`)[0].status).not.toBe('failed');
  // The row leaves the failed list before the action has written its audit entry: wait for it.
  await expect.poll(async () => (await audited('mail.retry', failed[0].id)).length).toBe(1);

  await page.getByRole('button', { name: 'Retry all failed' }).click();
  await expect(page.getByRole('form', { name: 'Retry all failed' }).getByRole('status')).toContainText('queued again');
  const statuses = await sql`select status from mail_outbox where id in ${sql(failed.map((mail) => mail.id))}`;
  expect(statuses.every((mail) => mail.status !== 'failed')).toBe(true);
  expect(await audited('mail.retry-all', null)).toHaveLength(1);

  await page.goto('/admin/audit');
  await page.getByLabel('Admin email').fill(adminEmail);
  await page.getByLabel('Action').selectOption('mail.retry');
  await page.getByRole('button', { name: 'Apply' }).click();
  const auditRows = page.getByRole('table').locator('tbody tr');
  await expect(auditRows).toHaveCount(1);
  await expect(auditRows.first()).toContainText(failed[0].id);
  // Page views are audited too.
  await page.getByLabel('Action').selectOption('mail.view');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(auditRows.first()).toContainText(adminEmail);
});
