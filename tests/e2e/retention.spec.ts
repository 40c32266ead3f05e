// The retention sweep as an operator and a person meet it: the cron route (secret, counts), an
// account turning dormant after a year, and the way back in through /reactivate.
import { expect, test, type Page } from '@playwright/test';
import { hashToken } from '@/lib/auth/tokens';
import { reactivationCodeHash } from '@/lib/retention/reactivation-code';
import { runRetentionSweep } from './fixtures/cron';
import { testSql } from './fixtures/db';
import { waitForDeliveredMail } from './fixtures/outbox';
import { createUser } from './fixtures/users';

const PASSWORD = 'Sleepy-Passw0rd!';

// One worker for this file: the embedded database's socket serves one client connection at a time.
test.describe.configure({ mode: 'default' });

function uniqueEmail() {
  return `${test.info().testId}-${Date.now()}@example.com`.toLowerCase();
}

/** A verified account with a known password whose last login was 400 days ago. */
const SLEEPER = { password: PASSWORD, name: 'Sleeper', locale: 'en', createdDaysAgo: 800, lastLoginDaysAgo: 400 } as const;

/** The code in the newest reactivation mail, as delivered to the fake Resend API. */
async function reactivationCode(email: string): Promise<string> {
  const { email: delivered } = await waitForDeliveredMail(email, 'reactivation-code');
  const code = delivered.text?.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error(`No code in the reactivation mail to ${email}`);
  return code;
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Reactivate' }).click();
}

async function expectSignedInAs(page: Page, name: string) {
  await expect(page.getByRole('navigation')).toContainText(name);
  await expect(page.getByRole('button', { name: 'Log out' })).toBeVisible();
}

test('the retention route answers only the cron secret', async ({ request }) => {
  expect((await request.get('/api/cron/retention')).status()).toBe(401);
  const wrong = await request.get('/api/cron/retention', { headers: { authorization: 'Bearer not-the-secret' } });
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toEqual({ error: 'unauthorized' });
});

test('a year without login makes an account dormant, and logging in brings it back through /reactivate', async ({ page, request }) => {
  const email = uniqueEmail();
  const { id: userId } = await createUser({ email, ...SLEEPER });

  const run = await runRetentionSweep(request);
  expect(run).toMatchObject({ status: 'finished', finished: true, trigger: 'cron' });
  expect(run.counts.dormancy).toBeGreaterThanOrEqual(1);
  const [dormant] = await testSql()`select status, email, password_hash from users where id = ${userId}`;
  expect(dormant).toEqual({ status: 'dormant', email: null, password_hash: null });
  // The sweep drains the outbox at its end: the notice has reached the (fake) Resend API.
  const notice = await waitForDeliveredMail(email, 'dormant-notice');
  expect(notice.link('/login')).toContain('/login');

  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/reactivate$/);

  const code = await reactivationCode(email);
  await enterCode(page, code === '000000' ? '111111' : '000000');
  await expect(page.getByText('That code is not right. You have 4 more tries.')).toBeVisible();
  await enterCode(page, code);
  await expectSignedInAs(page, 'Sleeper');
  const [active] = await testSql()`select status, email from users where id = ${userId}`;
  expect(active).toEqual({ status: 'active', email });
});

test('the /reactivate page takes the mailed code and gives the account back', async ({ page, context, request }) => {
  const email = uniqueEmail();
  const { id: userId } = await createUser({ email, ...SLEEPER });
  await runRetentionSweep(request);

  // What the login form does for a dormant account (startReactivation), written directly, so this
  // page is tested on its own: a ticket in the cookie, its hash and the code's keyed hash stored.
  const secret = JSON.parse(process.env.E2E_APP_ENV!).AUTH_SECRET as string;
  const ticket = `ticket-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const code = '246810';
  await testSql()`
    insert into auth_tokens (user_id, purpose, token_hash, code_hash, expires_at)
    values (${userId}, 'reactivate', ${hashToken(ticket)}, ${reactivationCodeHash(secret, userId, code)}, now() + interval '10 minutes')`;
  await context.addCookies([{ name: 'reactivation', value: ticket, url: process.env.E2E_BASE_URL! }]);

  await page.goto('/reactivate');
  await expect(page.getByRole('heading', { level: 1, name: 'Reactivate your account' })).toBeVisible();
  await enterCode(page, '12345');
  await expect(page.getByText('Enter the 6-digit code from the email.')).toBeVisible();
  await enterCode(page, '135790');
  await expect(page.getByText('That code is not right. You have 4 more tries.')).toBeVisible();
  await enterCode(page, code);
  await expect(page).not.toHaveURL(/\/reactivate/);
  await expectSignedInAs(page, 'Sleeper');
  const [active] = await testSql()`select status, email, dormant_at from users where id = ${userId}`;
  expect(active).toEqual({ status: 'active', email, dormant_at: null });
  const cookies = await context.cookies();
  expect(cookies.find((cookie) => cookie.name === 'reactivation')).toBeUndefined();
});

test('logging in again and again sends at most five codes a day, then says why none came', async ({ page, request }) => {
  const email = uniqueEmail();
  await createUser({ email, ...SLEEPER });
  await runRetentionSweep(request);

  const logInAsSleeper = async () => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
  };
  for (let login = 1; login <= 5; login++) {
    await logInAsSleeper();
    await expect(page, `login ${login}`).toHaveURL(/\/reactivate$/);
  }
  await logInAsSleeper();
  await expect(page).toHaveURL(/\/reactivate\?limited=codes$/);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'We have already sent the most reactivation codes we send in 24 hours. Enter the latest code if you still have it, or log in again tomorrow for a new one.',
  );
  // The last code sent still works from this browser.
  await enterCode(page, await reactivationCode(email));
  await expectSignedInAs(page, 'Sleeper');
  const [mails] = await testSql()<{ n: number }[]>`select count(*)::int as n from mail_outbox where to_address = ${email} and template = 'reactivation-code'`;
  expect(mails.n).toBe(5);
});
