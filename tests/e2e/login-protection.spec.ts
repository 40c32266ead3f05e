import { expect, type Page, test } from '@playwright/test';
import { contextFromIp } from './fixtures/client-ip';
import { testSql } from './fixtures/db';
import { waitForDeliveredMail } from './fixtures/outbox';
import { createUser, uniqueEmail } from './fixtures/users';

const WRONG = 'Wrong email or password.';
const USER_AGENT_PATTERN = /Chrome|HeadlessChrome/;

async function submitLogin(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

async function eventsFor(email: string) {
  return testSql()<{ reason: string; success: boolean; ip: string | null; user_agent: string | null; user_id: string | null }[]>`
    select reason, success, ip, user_agent, user_id from login_events where email = ${email} order by id`;
}

/** Login events are written right after the response: wait until `count` are there. */
async function waitForEvents(email: string, count: number) {
  await expect.poll(async () => (await eventsFor(email)).length).toBeGreaterThanOrEqual(count);
  return eventsFor(email);
}

test('locks an account after 10 failures, mails its owner once, and opens again when the lock expires', async ({ browser }) => {
  const { context } = await contextFromIp(browser);
  const page = await context.newPage();
  const user = await createUser();
  for (let i = 0; i < 10; i++) {
    await submitLogin(page, user.email, `wrong password ${i}`);
    await expect(page.locator('form').getByRole('alert')).toHaveText(WRONG);
  }
  // Locked: the right password gets the same answer as a wrong one.
  await submitLogin(page, user.email, user.password);
  await expect(page.locator('form').getByRole('alert')).toHaveText(WRONG);
  const sql = testSql();
  const [locked] = await sql<{ locked_until: Date; lock_count: number }[]>`select locked_until, lock_count from users where id = ${user.id}`;
  expect(locked.lock_count).toBe(1);
  expect(locked.locked_until.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
  const blocked = await waitForDeliveredMail(user.email, 'sign-in-blocked');
  expect(blocked.row.dedupe_key).toContain(locked.locked_until.toISOString());
  expect(blocked.link('/forgot-password')).toMatch(/\/forgot-password$/);
  const events = await waitForEvents(user.email, 11);
  expect(events.map((event) => event.reason)).toEqual([...Array(10).fill('wrong_password'), 'locked']);

  await sql`update users set locked_until = now() - interval '1 second' where id = ${user.id}`;
  await submitLogin(page, user.email, user.password);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Account' })).toBeVisible();
  const [cleared] = await sql<{ failed_login_count: number; lock_count: number }[]>`select failed_login_count, lock_count from users where id = ${user.id}`;
  expect(cleared).toEqual({ failed_login_count: 0, lock_count: 0 });
  await context.close();
});

test('rate-limits an IP with more than 50 failures in 10 minutes, and only that IP', async ({ browser }) => {
  const { context, ip } = await contextFromIp(browser);
  const page = await context.newPage();
  const user = await createUser();
  await testSql()`insert into login_events (email, ip, success, reason, created_at)
                  select 'guess-' || n || '@example.com', ${ip}, false, 'unknown_email', now() - n * interval '1 second'
                  from generate_series(1, 51) as n`;
  await submitLogin(page, user.email, user.password);
  await expect(page.locator('form').getByRole('alert')).toHaveText(WRONG);
  const [event] = await waitForEvents(user.email, 1);
  expect([event.reason, event.ip, event.success]).toEqual(['rate_limited', ip, false]);

  const other = await contextFromIp(browser);
  const otherPage = await other.context.newPage();
  await submitLogin(otherPage, user.email, user.password);
  await expect(otherPage.getByRole('navigation').getByRole('link', { name: 'Account' })).toBeVisible();
  await other.context.close();
  await context.close();
});

test('logs every attempt with IP, user agent and reason', async ({ browser }) => {
  const { context, ip } = await contextFromIp(browser);
  const page = await context.newPage();
  const active = await createUser();
  const unverified = await createUser({ verified: false });
  const withdrawn = await createUser();
  await testSql()`update users set status = 'withdrawn', withdrawn_at = now() where id = ${withdrawn.id}`;
  const unknown = uniqueEmail('unknown');

  await submitLogin(page, active.email, 'not the password');
  await expect(page.locator('form').getByRole('alert')).toHaveText(WRONG);
  await submitLogin(page, unknown, 'whatever it is');
  await expect(page.locator('form').getByRole('alert')).toHaveText(WRONG);
  await submitLogin(page, unverified.email, unverified.password);
  await expect(page.locator('form').getByRole('alert')).toContainText('Verify your email first.');
  await submitLogin(page, active.email, '');
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription('This field is required.');

  // Withdrawn: no session, a restore ticket in an httpOnly cookie and the restore flow.
  await submitLogin(page, withdrawn.email, withdrawn.password);
  await expect(page).toHaveURL(/\/account\/restore$/);
  const restore = (await context.cookies()).find((cookie) => cookie.name === 'restore');
  expect(restore).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  expect(restore?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect((await context.cookies()).some((cookie) => cookie.name.endsWith('authjs.session-token'))).toBe(false);

  await submitLogin(page, active.email, active.password);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Account' })).toBeVisible();

  const expectations: Array<[string, string[]]> = [
    [active.email, ['wrong_password', 'invalid_input', 'ok']],
    [unknown, ['unknown_email']],
    [unverified.email, ['unverified']],
    [withdrawn.email, ['withdrawn']],
  ];
  for (const [email, reasons] of expectations) {
    const events = await waitForEvents(email, reasons.length);
    expect(events.map((event) => event.reason)).toEqual(reasons);
    for (const event of events) {
      expect(event.ip).toBe(ip);
      expect(event.user_agent).toMatch(USER_AGENT_PATTERN);
      expect(event.success).toBe(event.reason === 'ok');
    }
  }
  expect((await eventsFor(unknown))[0].user_id).toBeNull();
  expect((await eventsFor(active.email))[0].user_id).toBe(active.id);
  await context.close();
});

test('honours callbackUrl only for a path on this site', async ({ browser }) => {
  const { context } = await contextFromIp(browser);
  const page = await context.newPage();
  const user = await createUser();
  await page.goto('/login?callbackUrl=%2Fterms');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/terms$/);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();

  await page.goto('/login?callbackUrl=https%3A%2F%2Fevil.example%2F');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Account' })).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(process.env.E2E_BASE_URL!).host);
  await context.close();
});

test('bumping session_version ends the session on its next request', async ({ browser }) => {
  const { context } = await contextFromIp(browser);
  const page = await context.newPage();
  const user = await createUser({ name: 'Revoked Person' });
  await submitLogin(page, user.email, user.password);
  await expect(page.getByRole('navigation')).toContainText('Revoked Person');
  await testSql()`update users set session_version = session_version + 1 where id = ${user.id}`;
  await page.goto('/');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('navigation')).not.toContainText('Revoked Person');
  await context.close();
});
