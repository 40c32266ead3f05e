import { readFile } from 'node:fs/promises';
import { type Browser, type BrowserContext, type Page, expect, test } from '@playwright/test';
import { fetchOrTimeout } from './fixtures/action-forms';
import { testSql } from './fixtures/db';
import { outboxMails, waitForDeliveredMail, waitForOutboxRow } from './fixtures/outbox';
import { createUser, logIn, type TestUser } from './fixtures/users';

// Signed-in devices, the new-device alert, sign-in activity and Download my data (issue 14), and a
// session that must end on the server at Log out (issue 19).

const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_ON_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';

async function openBrowser(browser: Browser, user: TestUser, userAgent?: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(userAgent ? { userAgent } : {});
  const page = await context.newPage();
  await logIn(page, user);
  return { context, page };
}

/** The session cookie of a signed-in page, as a Cookie header. */
async function sessionCookieOf(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies
    .filter((cookie) => cookie.name.includes('session-token'))
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join('; ');
}

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Faccount/);
}

/** What /account and /api/auth/session make of a replayed cookie. */
async function replay(cookie: string) {
  const account = await fetchOrTimeout('/account', { headers: { cookie } });
  const session = await fetchOrTimeout('/api/auth/session', { headers: { cookie } });
  const renewed = session.headers
    .getSetCookie()
    .filter((line) => line.includes('session-token=') && !/session-token=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line));
  return { accountStatus: account.status, accountLocation: account.headers.get('location'), sessionBody: await session.text(), renewed };
}

test('a cookie copied before Log out opens nothing afterwards, on pages or /api/auth/session', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  const copied = await sessionCookieOf(page);
  const before = await replay(copied);
  expect(before.accountStatus).toBe(200);
  expect(before.sessionBody).toContain(user.email);

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();

  const after = await replay(copied);
  expect(after.accountStatus).toBe(307);
  expect(after.accountLocation).toContain('/login');
  expect(after.sessionBody).not.toContain(user.email);
  expect(after.renewed).toEqual([]);
  const [row] = await testSql()`select count(*)::int as live from sessions where user_id = ${user.id} and revoked_at is null`;
  expect(row.live).toBe(0);
});

test('a cookie from before a password change gets nothing from /api/auth/session', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  const copied = await sessionCookieOf(page);

  await page.goto('/account/password');
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase 42');
  await page.getByLabel('Confirm new password').fill('a brand new passphrase 42');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/passwordChanged=1/);

  const after = await replay(copied);
  expect(after.accountStatus).toBe(307);
  expect(after.sessionBody).not.toContain(user.email);
  expect(after.renewed).toEqual([]);
  // The browser that changed it goes on, on a new session.
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
});

test('two browsers are both listed; the first signs the second out, which is signed out at its next request', async ({ browser }) => {
  const user = await createUser();
  const first = await openBrowser(browser, user);
  const second = await openBrowser(browser, user, FIREFOX_ON_WINDOWS);

  await first.page.goto('/account');
  await first.page.getByRole('link', { name: 'Signed-in devices' }).click();
  await expect(first.page.getByRole('heading', { name: 'Signed-in devices' })).toBeVisible();
  const rows = first.page.getByRole('row');
  await expect(rows).toHaveCount(3);
  const secondRow = first.page.getByRole('row', { name: /Firefox 133 on Windows 10/ });
  await expect(secondRow).toContainText('Password');
  await expect(first.page.getByRole('row', { name: /This device/ })).toHaveCount(1);
  await expect(secondRow).not.toContainText('This device');

  await secondRow.getByRole('button', { name: 'Sign out' }).click();
  await expect(first.page.getByRole('status')).toHaveText('That device was signed out. It can no longer use your account.');
  await expect(first.page.getByRole('row')).toHaveCount(2);

  await expectSignedOut(second.page);
  await first.page.goto('/account');
  await expect(first.page).toHaveURL(/\/account$/);
  const events = await testSql()`select reason from login_events where user_id = ${user.id} and reason = 'session_revoked'`;
  expect(events).toHaveLength(1);
  await Promise.all([first.context.close(), second.context.close()]);
});

test('"Sign out of all other devices" ends every other session and keeps this one', async ({ browser }) => {
  const user = await createUser();
  const here = await openBrowser(browser, user);
  const others = [await openBrowser(browser, user, FIREFOX_ON_WINDOWS), await openBrowser(browser, user, SAFARI_ON_MAC)];

  await here.page.goto('/account/sessions');
  await expect(here.page.getByRole('row', { name: /Safari 17 on macOS/ })).toBeVisible();
  await here.page.getByRole('button', { name: 'Sign out of all other devices' }).click();
  await expect(here.page.getByRole('status')).toHaveText('2 other devices were signed out.');
  await expect(here.page.getByText('No other device is signed in.')).toBeVisible();

  for (const other of others) await expectSignedOut(other.page);
  await here.page.goto('/account');
  await expect(here.page).toHaveURL(/\/account$/);
  await Promise.all([here.context, ...others.map((other) => other.context)].map((context) => context.close()));
});

test('a new browser gets the "New sign-in" mail, a known one does not, and the first sign-in none', async ({ browser }) => {
  const user = await createUser();
  const first = await openBrowser(browser, user);
  // The account's first sign-in only records the device.
  await first.page.goto('/account');
  expect(await outboxMails(user.email, 'new-sign-in')).toHaveLength(0);

  const second = await openBrowser(browser, user, FIREFOX_ON_WINDOWS);
  const alert = await waitForDeliveredMail(user.email, 'new-sign-in');
  expect(alert.email.subject).toBe('Lifecycle: New sign-in to your account');
  expect(alert.email.text).toContain('Browser: Firefox 133 · Operating system: Windows 10');
  expect(alert.link('/account/sessions')).toMatch(/\/account\/sessions$/);
  expect(alert.link('/forgot-password')).toMatch(/\/forgot-password$/);
  const deviceCookie = (await second.context.cookies()).find((cookie) => cookie.name === 'device_id');
  expect(deviceCookie?.httpOnly).toBe(true);

  // The same browsers again: known, so no further mail.
  await second.page.getByRole('button', { name: 'Log out' }).click();
  await expect(second.page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
  await logIn(second.page, user);
  await first.page.getByRole('button', { name: 'Log out' }).click();
  await expect(first.page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
  await logIn(first.page, user);
  await first.page.goto('/account');
  expect(await outboxMails(user.email, 'new-sign-in')).toHaveLength(1);
  const [devices] = await testSql()`select count(*)::int as n from known_devices where user_id = ${user.id}`;
  expect(devices.n).toBe(2);
  await Promise.all([first.context.close(), second.context.close()]);
});

test('Sign-in activity shows a failed attempt in words, newest first', async ({ page }) => {
  const user = await createUser();
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('form').getByRole('alert')).toBeVisible();
  await logIn(page, user);

  await page.goto('/account');
  await page.getByRole('link', { name: 'Sign-in activity' }).click();
  await expect(page.getByRole('heading', { name: 'Sign-in activity' })).toBeVisible();
  const rows = page.getByRole('row');
  await expect(rows.nth(1)).toContainText('Signed in');
  await expect(rows.nth(2)).toContainText('Wrong password');
  await expect(rows.nth(2)).toContainText(/Chrome \d+ on Linux/);
});

test('Download my data gives a JSON file with the profile, a consent event and a sign-in event, and no secret', async ({ page }) => {
  const user = await createUser({ name: 'Export Person' });
  await logIn(page, user);
  await page.goto('/account');
  await page.getByLabel('Email me product news').check();
  await page.getByRole('button', { name: 'Save preferences' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your preferences were saved.' })).toBeVisible();

  await page.getByRole('link', { name: 'Download my data' }).click();
  await expect(page.getByRole('heading', { name: 'Download my data' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^lifecycle-data-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await download.path())!, 'utf8');
  const data = JSON.parse(text);

  expect(data.profile).toMatchObject({ email: user.email, name: 'Export Person', hasPassword: true });
  expect(data.account.status).toBe('active');
  expect(data.consents.events).toEqual([expect.objectContaining({ channel: 'email', granted: true })]);
  expect(data.signInEvents).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'ok', success: true })]));
  expect(data.sessions.length).toBeGreaterThan(0);
  expect(data.twoStep).toEqual({ status: 'off' });

  // Scan the whole file for anything that could open the account.
  const [secrets] = await testSql()`select password_hash from users where id = ${user.id}`;
  const tokens = await testSql()`select token_hash from auth_tokens where user_id = ${user.id}`;
  const devices = await testSql()`select device_hash from known_devices where user_id = ${user.id}`;
  const cookies = (await page.context().cookies()).map((cookie) => cookie.value).filter((value) => value.length > 20);
  for (const secret of [secrets.password_hash, ...tokens.map((row) => row.token_hash), ...devices.map((row) => row.device_hash), ...cookies]) {
    expect(text).not.toContain(secret);
  }
  expect(text).not.toMatch(/argon2|password_?hash|token|secret/i);

  const mail = await waitForOutboxRow(user.email, 'data-exported');
  expect(mail.template).toBe('data-exported');
  const [recorded] = await testSql()`select count(*)::int as n from data_exports where user_id = ${user.id}`;
  expect(recorded.n).toBe(1);
});

test('Download my data is limited to three a day', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  const cookie = await sessionCookieOf(page);
  const origin = new URL(page.url()).origin;
  const post = () => fetchOrTimeout('/account/export/download', { method: 'POST', headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
  for (let index = 0; index < 3; index += 1) {
    const response = await post();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="lifecycle-data-/);
    await response.arrayBuffer();
  }
  const refused = await post();
  expect(refused.status).toBe(303);
  expect(refused.headers.get('location')).toContain('/account/export?error=limit-reached');
  await page.goto('/account/export?error=limit-reached');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('You have downloaded your data 3 times in the last 24 hours. Try again tomorrow.');
  expect(await outboxMails(user.email, 'data-exported')).toHaveLength(3);
});

test('an admin sees the sessions of an account and signs one out, audited', async ({ browser, page }) => {
  const admin = await createUser({ role: 'admin' });
  const user = await createUser();
  const device = await openBrowser(browser, user, SAFARI_ON_MAC);
  await logIn(page, admin);

  await page.goto(`/admin/users/${user.id}`);
  const row = page.getByRole('row', { name: /Safari 17 on macOS/ });
  const form = row.getByRole('form', { name: 'Sign out' });
  await form.getByRole('button', { name: 'Sign out' }).click();
  await expect(form.getByRole('alert')).toHaveText('Tick the box to confirm first.');
  await form.getByRole('checkbox').check();
  await form.getByRole('button', { name: 'Sign out' }).click();
  // The session is no longer live, so its row goes.
  await expect(row).toHaveCount(0);
  await expect(page.getByText('No device is signed in.')).toBeVisible();

  await expectSignedOut(device.page);
  const audit = await testSql()`select admin_email, target from admin_audit where action = 'user.sign-out-session' and target = ${user.id}`;
  expect(audit).toEqual([{ admin_email: admin.email, target: user.id }]);
  await device.context.close();
});

test('the new pages speak Korean', async ({ browser }) => {
  const user = await createUser({ locale: 'ko' });
  const { context, page } = await (async () => {
    const context = await browser.newContext({ locale: 'ko-KR', extraHTTPHeaders: { 'accept-language': 'ko' } });
    const page = await context.newPage();
    await page.goto('/login');
    await page.locator('input[name="email"]').fill(user.email);
    await page.locator('input[name="password"]').fill(user.password);
    await page.locator('form button[type="submit"]').first().click();
    await expect(page).toHaveURL(/\/account/);
    return { context, page };
  })();
  for (const [path, heading] of [
    ['/account/sessions', '로그인된 기기'],
    ['/account/activity', '로그인 기록'],
    ['/account/export', '내 데이터 내려받기'],
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  }
  await expect(page.getByRole('button', { name: '내 데이터 내려받기' })).toBeVisible();
  await context.close();
});
