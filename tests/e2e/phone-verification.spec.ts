// /account/phone against the real pages, with SMS going through SOLAPI's SDK to the fake SOLAPI
// API (global-setup): codes read from what the fake recorded, its HMAC check passed. Each test
// comes from its own IP, so the per-IP SMS limit never couples tests.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { contextFromIp } from './fixtures/client-ip';
import { testSql } from './fixtures/db';
import { solapiMessagesTo, solapiRequests, uniquePhone, waitForSms } from './fixtures/sms';
import { notificationsForm, saveMarketingChoices } from './fixtures/notifications';
import { createUser, logIn, type TestUser } from './fixtures/users';

async function signedIn(browser: Browser, user?: TestUser): Promise<{ page: Page; user: TestUser }> {
  const { context } = await contextFromIp(browser);
  const page = await context.newPage();
  const person = user ?? (await createUser());
  await logIn(page, person);
  return { page, user: person };
}

async function sendCode(page: Page, phone: string) {
  await page.goto('/account/phone');
  await page.getByLabel('Phone', { exact: true }).fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

test('verifies a number with the code SOLAPI delivered; /account shows it as Verified', async ({ browser }) => {
  const { page, user } = await signedIn(browser);
  const phone = uniquePhone();
  await sendCode(page, phone.typed);
  const form = page.getByRole('form', { name: 'Send code' });
  await expect(form.getByRole('status')).toContainText(`a code is on its way`);
  await expect(form.getByRole('status')).toContainText('You can ask for another code at');
  const sms = await waitForSms(phone.national);
  expect(sms.text).toBe(`[Lifecycle] code ${sms.code}\n\n@127.0.0.1 #${sms.code}`);
  expect(sms.from).toBe('0212345678');
  const sent = (await solapiRequests()).filter((request) => request.path === '/messages/v4/send-many/detail' && JSON.stringify(request.body).includes(phone.national));
  expect(sent).toHaveLength(1);
  expect(sent[0]).toMatchObject({ authorized: true, status: 200 });
  expect(sent[0].authorization).toMatch(/^HMAC-SHA256 apiKey=\S+, date=\S+, salt=\S+, signature=[0-9a-f]{64}$/);

  const code = page.getByLabel('Code', { exact: true });
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await enterCode(page, wrong(sms.code));
  await expect(code).toHaveAccessibleDescription(/That code is not right\. You have 4 more tries\./);
  await enterCode(page, sms.code);
  await expect(page).toHaveURL(/\/account\?phoneVerified=1$/);
  await expect(page.getByRole('status').first()).toContainText('is verified');
  const details = page.locator('dl.details');
  await expect(details).toContainText(`010-${phone.typed.slice(4)}`);
  await expect(details).toContainText('Verified');
  const [row] = await testSql()`select phone, phone_verified_at from users where id = ${user.id}`;
  expect(row.phone).toBe(phone.e164);
  expect(row.phone_verified_at).toBeInstanceOf(Date);
});

test('an expired code is refused, and Send code keeps its cool-down', async ({ browser }) => {
  const { page, user } = await signedIn(browser);
  const phone = uniquePhone();
  await sendCode(page, phone.typed);
  const sms = await waitForSms(phone.national);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByLabel('Phone', { exact: true })).toHaveAccessibleDescription(/Wait a moment: you can ask for another code at /);
  expect(await solapiMessagesTo(phone.national)).toHaveLength(1);

  await testSql()`update phone_codes set expires_at = now() - interval '1 second' where user_id = ${user.id}`;
  await enterCode(page, sms.code);
  await expect(page.getByLabel('Code', { exact: true })).toHaveAccessibleDescription(/This code is not valid any more\. Ask for a new code\./);
  const [row] = await testSql()`select phone_verified_at from users where id = ${user.id}`;
  expect(row.phone_verified_at).toBeNull();
});

test('a number from a country not allowed gets a field error and no SMS', async ({ browser }) => {
  const { page, user } = await signedIn(browser);
  await sendCode(page, '+1 415 555 2671');
  await expect(page.getByLabel('Phone', { exact: true })).toHaveAccessibleDescription(/We can't send codes to numbers in this country\./);
  await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('+1 415 555 2671');
  expect(await solapiMessagesTo('4155552671')).toHaveLength(0);
  await sendCode(page, '12');
  await expect(page.getByLabel('Phone', { exact: true })).toHaveAccessibleDescription(/Enter a valid phone number\./);
  expect(await testSql()`select 1 from phone_codes where user_id = ${user.id}`).toHaveLength(0);
});

test('a number verified on another account gets the same answer, no SMS, and the attempt is logged', async ({ browser }) => {
  const phone = uniquePhone();
  const owner = await createUser();
  await testSql()`update users set phone = ${phone.e164}, phone_verified_at = now() where id = ${owner.id}`;
  const { page, user } = await signedIn(browser);
  await sendCode(page, phone.typed);
  await expect(page.getByRole('form', { name: 'Send code' }).getByRole('status')).toContainText('a code is on its way');
  await expect(page.getByLabel('Code', { exact: true })).toBeVisible();
  await page.waitForTimeout(1_000);
  expect(await solapiMessagesTo(phone.national)).toHaveLength(0);
  const rows = await testSql()`select number_taken from phone_codes where user_id = ${user.id}`;
  expect(rows).toEqual([{ number_taken: true }]);
});

test('Text me product news needs a verified number; Remove number turns it off', async ({ browser }) => {
  const { page, user } = await signedIn(browser);
  await page.goto('/account');
  const notifications = notificationsForm(page);
  await expect(notifications.getByLabel('Text me product news')).toBeDisabled();
  await expect(notifications).toContainText('Verify a phone number first');

  const phone = uniquePhone();
  await sendCode(page, phone.typed);
  await enterCode(page, (await waitForSms(phone.national)).code);
  await expect(page).toHaveURL(/\/account\?phoneVerified=1$/);
  await saveMarketingChoices(page, { sms: true });

  await page.goto('/account/phone');
  await page.getByRole('button', { name: 'Remove number' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your number was removed.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove number' })).toHaveCount(0);
  const [row] = await testSql()`select phone, phone_verified_at, marketing_sms_consent_at from users where id = ${user.id}`;
  expect(row).toEqual({ phone: null, phone_verified_at: null, marketing_sms_consent_at: null });
  const events = await testSql()`select granted from consent_events where user_id = ${user.id} and channel = 'sms' order by id`;
  expect(events.map((event) => event.granted)).toEqual([true, false]);
});

test('the page and the SMS in Korean', async ({ browser }) => {
  const { page } = await signedIn(browser);
  await page.getByLabel('Language').selectOption('ko');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  const phone = uniquePhone();
  await page.goto('/account/phone');
  await expect(page.getByRole('heading', { level: 1, name: '휴대폰 번호' })).toBeVisible();
  await page.getByLabel('휴대폰 번호', { exact: true }).fill(phone.typed);
  await page.getByRole('button', { name: '인증번호 받기' }).click();
  const sms = await waitForSms(phone.national);
  expect(sms.text).toBe(`[Lifecycle] 인증번호 ${sms.code}\n\n@127.0.0.1 #${sms.code}`);
  await page.getByLabel('인증번호', { exact: true }).fill(wrong(sms.code));
  await page.getByRole('button', { name: '인증하기' }).click();
  await expect(page.getByLabel('인증번호', { exact: true })).toHaveAccessibleDescription(/인증번호가 맞지 않아요\. 4번 더 시도할 수 있어요\./);
});

test('the local SMS inbox does not exist while SOLAPI is configured', async ({ browser }) => {
  const { page } = await signedIn(browser);
  const response = await page.goto('/dev/sms');
  expect(response?.status()).toBe(404);
});

test('a number gets at most 3 codes an hour, and the page says when it can ask again', async ({ browser }) => {
  const { page, user } = await signedIn(browser);
  const phone = uniquePhone();
  for (let sent = 1; sent <= 3; sent += 1) {
    await sendCode(page, phone.typed);
    await expect(page.getByRole('form', { name: 'Send code' }).getByRole('status')).toContainText('a code is on its way');
    // Past the 60 s cool-down without waiting for it.
    await testSql()`update rate_limit_hits set created_at = created_at - interval '61 seconds' where key = ${`sms:cooldown:${user.id}`}`;
  }
  await sendCode(page, phone.typed);
  await expect(page.getByLabel('Phone', { exact: true })).toHaveAccessibleDescription(/Too many codes were asked for\. You can ask again at /);
  await expect.poll(async () => (await solapiMessagesTo(phone.national)).length).toBe(3);
});

test('admins see SMS beside mail: counts, a failed SMS with its error and Retry, the daily count, and the number on the user page', async ({ browser }) => {
  const admin = await createUser({ role: 'admin' });
  const { page } = await signedIn(browser, admin);
  const phone = uniquePhone();
  const person = await createUser();
  await testSql()`update users set phone = ${phone.e164}, phone_verified_at = now() where id = ${person.id}`;
  const [failed] = await testSql()`
    insert into mail_outbox (channel, to_address, template, props, status, attempts, last_error, dedupe_key)
    values ('sms', ${phone.e164}, 'phone-code', ${testSql().json({ code: '123456', expiresAt: new Date(Date.now() + 3_600_000).toISOString() })},
            'failed', 8, 'fake 500 InternalError', ${`test/${phone.national}`})
    returning id`;
  await page.goto('/admin/mail');
  await expect(page.getByRole('heading', { name: 'Text messages', exact: true })).toBeVisible();
  const row = page.getByRole('table', { name: 'Failed text messages' }).getByRole('row', { name: new RegExp(phone.e164.replace('+', '\\+')) });
  await expect(row).toContainText('fake 500 InternalError');
  await row.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(async () => (await testSql()`select status from mail_outbox where id = ${failed.id}`)[0].status).not.toBe('failed');
  await expect.poll(async () => (await solapiMessagesTo(phone.national)).length).toBe(1);

  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Text messages today' })).toBeVisible();
  await expect(page.getByText(/of 1,?000 codes in the last 24 hours/)).toBeVisible();
  await page.goto(`/admin/users/${person.id}`);
  await expect(page.locator('dl.details')).toContainText(phone.e164);
  await expect(page.locator('dl.details')).not.toContainText('Not verified');
});
