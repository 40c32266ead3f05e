// Regression tests for the holes a probe of the production build found (issue 19), one per finding:
// the open redirect after login, client IPs a client could choose, TRACE, impossible filter values
// in the admin console, and /verify-email's Referrer-Policy. Malformed server-action posts are
// covered, as a class, by tests/e2e/fuzz.spec.ts.
import { expect, test } from '@playwright/test';
import { fetchOrTimeout, postForm, readActionForm, sessionCookieFor } from './fixtures/action-forms';
import { insertLoginEvents, uniqueTag } from './fixtures/admin';
import { uniqueIp } from './fixtures/client-ip';
import { testSql } from './fixtures/db';
import { rawRequest } from './fixtures/raw-http';
import { createUser } from './fixtures/users';

const BASE_URL = process.env.E2E_BASE_URL!;

test('a correct password with callbackUrl=%2F..%2F%2Fevil.example%2Fsteal stays on this site', async () => {
  const user = await createUser();
  const form = await readActionForm('/login?callbackUrl=%2F..%2F%2Fevil.example%2Fsteal', 'name="password"');
  const callbackUrl = decodeURIComponent('%2F..%2F%2Fevil.example%2Fsteal');
  const response = await postForm('/login', [...Object.entries(form), ['email', user.email], ['password', user.password], ['callbackUrl', callbackUrl]], { ip: uniqueIp() });
  expect(response.status).toBe(303);
  const location = response.headers.get('location')!;
  expect(new URL(location, BASE_URL).origin, location).toBe(new URL(BASE_URL).origin);
  expect(location.startsWith('//'), location).toBe(false);
  // The session was opened: this was the real, successful login.
  expect(response.headers.getSetCookie().some((cookie) => cookie.includes('session-token'))).toBe(true);
});

/** A failed login over HTTP with the given X-Forwarded-For; returns the IP the login log recorded. */
async function recordedIpOfFailedLogin(forwardedFor: string): Promise<string | null> {
  const email = `${uniqueTag()}@example.com`;
  const form = await readActionForm('/login', 'name="password"');
  const body = new FormData();
  for (const [name, value] of [...Object.entries(form), ['email', email], ['password', 'not the password']]) body.append(name, value);
  const response = await fetchOrTimeout('/login', { method: 'POST', body, headers: { origin: BASE_URL, 'x-forwarded-for': forwardedFor } });
  expect(response.status).toBe(200);
  let rows: Array<{ ip: string | null }> = [];
  await expect.poll(async () => (rows = await testSql()`select ip from login_events where email = ${email}`).length).toBe(1);
  return rows[0].ip;
}

test('behind one trusted proxy the IP is the hop that proxy added, not an extra hop the client put in front', async () => {
  // The suite's app runs with TRUST_PROXY_HOPS=1; the test client stands in for that proxy.
  const real = uniqueIp();
  expect(await recordedIpOfFailedLogin(`203.0.113.${Math.floor(Math.random() * 250)}, ${real}`)).toBe(real);
});

test('an empty X-Forwarded-For does not make the IP unknown: the socket address stands in', async () => {
  expect(await recordedIpOfFailedLogin('')).toBe('127.0.0.1');
});

test('TRACE is refused with 405 on every kind of path', async () => {
  for (const path of ['/', '/login', '/account', '/api/health', '/api/auth/session', '/admin/logins/export', '/no-such-page']) {
    expect((await rawRequest('TRACE', path)).status, path).toBe(405);
  }
});

test('admin filters with impossible dates or a prefix ending in U+10FFFF answer without a 5xx, and the export ends whole', async () => {
  const admin = await createUser({ role: 'admin' });
  const cookie = await sessionCookieFor(admin, uniqueIp());
  const tag = uniqueTag();
  const email = `${tag}\u{10FFFF}z@example.com`;
  await insertLoginEvents([{ email, ip: uniqueIp(), success: false, reason: 'wrong_password', createdAt: new Date() }]);
  for (const path of [
    '/admin/logins?before=2024-02-30T00:00:00.000Z_1',
    '/admin/logins?after=2023-02-29T12:00:00.000Z_5',
    '/admin/logins?before=2024-01-01T24:00:00.000Z_1',
    '/admin/audit?before=2024-02-30T00:00:00.000Z_1',
    `/admin/logins?email=${encodeURIComponent(`${tag}\u{10FFFF}*`)}`,
    `/admin/users?q=${encodeURIComponent(`${tag}\u{10FFFF}`)}`,
  ]) {
    const response = await fetchOrTimeout(path, { headers: { cookie } });
    expect(response.status, path).toBe(200);
  }
  const exported = await fetchOrTimeout(`/admin/logins/export?email=${encodeURIComponent(`${tag}\u{10FFFF}*`)}`, { headers: { cookie } });
  expect(exported.status).toBe(200);
  const csv = await exported.text();
  expect(csv.split('\n')[0]).toContain('time_utc');
  expect(csv).toContain(email);
  const onlyLast = await fetchOrTimeout(`/admin/logins/export?email=${encodeURIComponent('\u{10FFFF}*')}`, { headers: { cookie } });
  expect(onlyLast.status).toBe(200);
  expect((await onlyLast.text()).split('\n')[0]).toContain('time_utc');
});

test('/verify-email keeps its own Referrer-Policy: no-referrer (the token is in its URL)', async () => {
  const response = await fetchOrTimeout('/verify-email?token=abc');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect((await fetchOrTimeout('/verify-email/invalid')).headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
});

test('public pages hydrate under the Content-Security-Policy without a violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  for (const path of ['/', '/login', '/signup', '/forgot-password']) await page.goto(path);
  // Hydrated: the form posts as a fetch action (Next-Action header), not as a page navigation.
  await page.goto('/login');
  await page.getByLabel('Email').fill('someone@example.com');
  const action = page.waitForRequest((request) => request.method() === 'POST' && Boolean(request.headers()['next-action']));
  await page.getByRole('button', { name: 'Log in' }).click();
  await action;
  await expect(page.getByRole('alert').or(page.locator('[aria-invalid="true"]')).first()).toBeVisible();
  expect(violations).toEqual([]);
});
