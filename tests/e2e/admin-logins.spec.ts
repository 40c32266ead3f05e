import { expect, test } from '@playwright/test';
import { insertLoginEvents, uniqueTag } from './fixtures/admin';
import { testSql } from './fixtures/db';
import { createUser, logIn } from './fixtures/users';

// The login log: filters (alone and combined, kept in the URL), keyset paging that holds still
// while new attempts arrive, CSV export of the same filter, and the chart and top-failure links.

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);

test.beforeEach(async ({ page }) => {
  await logIn(page, await createUser({ role: 'admin' }));
});

test('filters by email prefix, exact email, IP, outcome and date, and keeps them in the URL', async ({ page }) => {
  const tag = uniqueTag();
  const ip = `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  await insertLoginEvents([
    { email: `ann@${tag}.test`, ip, success: true, reason: 'success', createdAt: minutesAgo(5) },
    { email: `ann@${tag}.test`, ip, success: false, reason: 'wrong_password', createdAt: minutesAgo(4) },
    { email: `annie@${tag}.test`, ip: '192.0.2.200', success: false, reason: 'locked', createdAt: minutesAgo(3) },
    { email: `bob@${tag}.test`, ip, success: false, reason: 'wrong_password', createdAt: minutesAgo(2) },
    // Three days ago: outside a "today" date range.
    { email: `ann@${tag}.test`, ip, success: false, reason: 'wrong_password', createdAt: minutesAgo(3 * 24 * 60) },
  ]);
  const rows = page.getByRole('table').last().locator('tbody tr');

  await page.goto('/admin/logins');
  await page.getByLabel('Email', { exact: true }).fill(`ann@${tag}.test`);
  await page.getByLabel('Outcome', { exact: true }).selectOption('failure');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`email=ann%40${tag}\\.test.*outcome=failure`));
  await expect(rows).toHaveCount(2);

  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Seoul' }).format(new Date());
  await page.getByLabel('From', { exact: true }).fill(today);
  await page.getByLabel('To', { exact: true }).fill(today);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\d&to=/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('wrong_password');

  // A prefix ("*" at the end) takes ann@ and annie@ but not bob@.
  await page.getByLabel('Email', { exact: true }).fill('ann*');
  await page.getByLabel('IP address', { exact: true }).fill(ip);
  await page.getByLabel('From', { exact: true }).fill('');
  await page.getByLabel('To', { exact: true }).fill('');
  await page.getByLabel('Outcome', { exact: true }).selectOption('any');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/email=ann\*&ip=/);
  await expect(rows).toHaveCount(3);
  for (const text of await rows.allTextContents()) expect(text).toContain(`ann@${tag}.test`);
  await page.goto(`/admin/logins?email=${encodeURIComponent(`annie@${tag}`)}*`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('locked');
  await expect(page.getByLabel('Email', { exact: true })).toHaveValue(`annie@${tag}*`);

  // The URL alone reproduces a view: IP + one reason + exact email.
  await page.goto(`/admin/logins?ip=${ip}&outcome=reason:wrong_password&email=${encodeURIComponent(`bob@${tag}.test`)}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`bob@${tag}.test`);
  await expect(page.getByLabel('Outcome', { exact: true })).toHaveValue('reason:wrong_password');

  // A bad date is a field error, not a crash.
  await page.goto('/admin/logins?from=2026-02-31');
  await expect(page.getByText('Enter a date as YYYY-MM-DD.')).toBeVisible();
});

test('pages older and newer on (time, id) and stays put while new attempts arrive', async ({ page }) => {
  const tag = uniqueTag();
  const ip = `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  const events = Array.from({ length: 120 }, (_, i) => ({
    email: `pager${String(i).padStart(3, '0')}@${tag}.test`,
    ip,
    success: i % 2 === 0,
    reason: i % 2 === 0 ? 'success' : 'wrong_password',
    // Pairs share a timestamp: the id breaks the tie.
    createdAt: new Date(Date.now() - 3_600_000 + Math.floor(i / 2) * 1_000),
  }));
  await insertLoginEvents(events);
  const cells = page.getByRole('table').last().locator('tbody tr td:nth-child(2)');
  const emailsOnPage = async () => {
    await expect(cells.first()).toBeVisible();
    return cells.allTextContents();
  };
  /** Follows a paging link and waits until the table shows another page. */
  const follow = async (name: 'Older' | 'Newer') => {
    const before = await cells.first().textContent();
    await page.getByRole('link', { name }).click();
    await expect(cells.first()).not.toHaveText(before!);
    return emailsOnPage();
  };

  await page.goto(`/admin/logins?ip=${ip}`);
  const first = await emailsOnPage();
  const second = await follow('Older');
  // New attempts arrive: newer than anything shown, they must not shift the pages already seen.
  await insertLoginEvents(Array.from({ length: 30 }, (_, i) => ({ email: `late${i}@${tag}.test`, ip, success: true, reason: 'success', createdAt: new Date() })));
  const third = await follow('Older');
  await expect(page.getByRole('link', { name: 'Older' })).toHaveCount(0);

  const inserted = events.map((event) => event.email).reverse();
  expect([...first, ...second, ...third]).toEqual(inserted);
  expect([first.length, second.length, third.length]).toEqual([50, 50, 20]);

  expect(await follow('Newer')).toEqual(second);
  expect(await follow('Newer')).toEqual(first);
  const top = await follow('Newer');
  expect(top).toHaveLength(30);
  expect(top.every((email) => email.startsWith('late'))).toBe(true);
});

test('exports exactly the filtered rows as CSV', async ({ page }) => {
  const tag = uniqueTag();
  const ip = `10.88.${Math.floor(Math.random() * 250)}.1`;
  await insertLoginEvents([
    ...Array.from({ length: 30 }, (_, i) => ({ email: `csv${i}@${tag}.test`, ip, success: i % 3 !== 0, reason: i % 3 !== 0 ? 'success' : 'wrong_password', createdAt: minutesAgo(i) })),
    { email: `=HYPERLINK("x")@${tag}.test`, ip, success: false, reason: 'unknown_email', createdAt: minutesAgo(40) },
  ]);
  await page.goto(`/admin/logins?ip=${ip}&outcome=failure`);
  const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
  expect(href).toBe(`/admin/logins/export?ip=${encodeURIComponent(ip)}&outcome=failure`);
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('text/csv');
  const lines = (await response.text()).trimEnd().split('\r\n');
  expect(lines[0]).toBe('id,time_utc,time_local,email,user_id,ip,user_agent,outcome,reason,provider');
  const expected = await testSql()<{ id: string }[]>`
    select id::text from login_events where ip = ${ip} and not success order by created_at desc, id desc`;
  expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(expected.map((row) => row.id));
  expect(lines.at(-1)).toContain(`"'=HYPERLINK(""x"")@${tag}.test"`);
});

test('shows the hourly chart and links the top failing IP to its filter', async ({ page }) => {
  const tag = uniqueTag();
  const ip = `10.99.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  await insertLoginEvents(
    Array.from({ length: 400 }, (_, i) => ({ email: `target@${tag}.test`, ip, success: false, reason: 'wrong_password', createdAt: minutesAgo(i % 600) })),
  );
  await page.goto('/admin/logins');
  await expect(page.getByRole('img', { name: /Sign-in attempts per hour, last 24 hours/ })).toBeVisible();
  await page.getByText('Show the chart as a table').click();
  await expect(page.getByRole('table').first().getByRole('row')).toHaveCount(1 + 24);
  await page.getByRole('link', { name: '7 days' }).click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByRole('img', { name: /last 7 days/ })).toBeVisible();

  await page.getByRole('link', { name: ip, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`ip=${ip.replaceAll('.', '\\.')}&outcome=failure`));
  const rows = page.getByRole('table').last().locator('tbody tr');
  await expect(rows).toHaveCount(50);
  for (const text of await rows.allTextContents()) expect(text).toContain(ip);
  await page.goto('/admin/logins');
  await page.getByRole('link', { name: `target@${tag}.test`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`email=target%40${tag}\\.test&outcome=failure`));
  await expect(rows).toHaveCount(50);
});
