// Marketing consent as a person and an operator meet it: the result mail of a change on /account,
// the two-year reconfirmation mail after a sweep and its Stop receiving link in a browser without a
// session, the privacy pages stating the policy in force, and the admin's Marketing audience export.
import { expect, test } from '@playwright/test';
import { contextFromIp } from './fixtures/client-ip';
import { runRetentionSweep } from './fixtures/cron';
import { testSql } from './fixtures/db';
import { waitForDeliveredMail } from './fixtures/outbox';
import { saveMarketingChoices } from './fixtures/notifications';
import { createUser, logIn, uniqueEmail } from './fixtures/users';

// One worker for this file: the sweep is shared, and the embedded database serves one client at a time.
test.describe.configure({ mode: 'default' });

async function consentRow(id: string) {
  const [row] = await testSql()`select marketing_email_consent_at, marketing_email_confirmed_at from users where id = ${id}`;
  return row;
}

test('ticking a consent on /account mails the result at once', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  await page.goto('/account');
  await saveMarketingChoices(page, { email: true });

  const { email, row } = await waitForDeliveredMail(user.email, 'consent-changed');
  expect(email.subject).toBe('[Lifecycle] Your marketing consent was changed');
  expect(email.text).toContain('By email: you agreed to receive marketing. From now on you will receive it.');
  expect(email.text).toContain('Sender: Lifecycle');
  expect(row.props).toBeNull(); // cleared once sent

  // Saving the same choice again changes nothing and mails nothing.
  await saveMarketingChoices(page);
  const [{ n }] = await testSql()`select count(*)::int as n from mail_outbox where to_address = ${user.email} and template = 'consent-changed'`;
  expect(n).toBe(1);
});

test('a consent ticked at sign-up is recorded with the account and its result mailed beside the verification link', async ({ page }) => {
  const email = uniqueEmail('consent-signup');
  await page.goto('/signup');
  await page.getByLabel('Name').fill('Signs Up');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password').fill('tangerine-oxbow-47');
  await page.getByLabel('I agree to the Terms and Privacy Policy').check();
  await page.getByLabel('Send me product news and offers to my inbox (optional)').check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/signup\/check-email$/);
  const result = await waitForDeliveredMail(email, 'consent-changed');
  expect(result.email.text).toContain('By email: you agreed to receive marketing.');
  const [row] = await testSql()`select u.marketing_email_consent_at, e.source from users u join consent_events e on e.user_id = u.id where u.email = ${email}`;
  expect(row).toEqual({ marketing_email_consent_at: expect.any(Date), source: 'signup' });
});

test('a two-year-old consent gets the reconfirmation mail, and Stop receiving works without a session', async ({ browser, request }) => {
  // The account's language is Korean, so are its mails; the page speaks the browser's language.
  const user = await createUser({ locale: 'ko' });
  await testSql()`update users set marketing_email_consent_at = now() - interval '731 days', marketing_email_confirmed_at = now() - interval '731 days' where id = ${user.id}`;

  const run = await runRetentionSweep(request);
  expect(run.counts.consentReconfirmEmail).toBeGreaterThanOrEqual(1);
  const notice = await waitForDeliveredMail(user.email, 'consent-reconfirm');
  expect(notice.email.subject).toBe('[Lifecycle] 이메일 광고성 정보 수신 동의가 유지되고 있어요');
  expect(notice.email.text).toContain('이 동의는 지금도 유지되고 있습니다.');
  const stopUrl = notice.link('token=stop.');
  expect(notice.link('token=keep.')).not.toBe(stopUrl);
  expect(await consentRow(user.id)).toMatchObject({ marketing_email_consent_at: expect.any(Date) });

  // Another sweep the same day sends nothing more.
  await runRetentionSweep(request);
  const [{ n }] = await testSql()`select count(*)::int as n from mail_outbox where to_address = ${user.email} and template = 'consent-reconfirm'`;
  expect(n).toBe(1);

  const { context } = await contextFromIp(browser);
  const page = await context.newPage();
  await page.goto(stopUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Marketing consent' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
  // Opening the link (as a mail scanner would) changed nothing; the button does.
  expect((await consentRow(user.id)).marketing_email_consent_at).toBeInstanceOf(Date);
  await page.getByRole('button', { name: 'Stop receiving' }).click();
  await expect(page.getByRole('status')).toContainText('You will no longer receive marketing by email.');
  expect(await consentRow(user.id)).toEqual({ marketing_email_consent_at: null, marketing_email_confirmed_at: null });
  const result = await waitForDeliveredMail(user.email, 'consent-changed');
  expect(result.email.text).toContain('이메일: 수신 동의를 철회하셨어요.');

  // The link did its one thing: opened again, it says so.
  await page.goto(stopUrl);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('This link is no longer valid');
  await context.close();
});

test('the privacy pages state the inactivity policy in force and how data is used, in both languages', async ({ page, browser }) => {
  await page.goto('/privacy');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'Accounts nobody uses' })).toBeVisible();
  await expect(main).toContainText('If you do not log in for 365 days, your account becomes dormant');
  await expect(main).toContainText('The law no longer requires a service to set aside accounts unused for a year');
  await expect(main).not.toContainText('as the law requires');
  await expect(main.getByRole('table', { name: 'Personal data we use' })).toContainText('Until you withdraw consent; we ask you again every 730 days');
  await expect(main.getByRole('table', { name: 'Who receives personal data' })).toContainText('Resend, Inc.');

  const { context } = await contextFromIp(browser, undefined, { acceptLanguage: 'ko-KR,ko;q=0.9', locale: 'ko-KR' });
  const korean = await context.newPage();
  await korean.goto('/privacy');
  await expect(korean.getByRole('main')).toContainText('365일 동안 로그인하지 않으면 계정이 휴면 상태로 전환되어');
  await expect(korean.getByRole('main')).toContainText('분리 보관할 법적 의무는 없어졌으며');
  await context.close();

  const user = await createUser();
  await logIn(page, user);
  await page.goto('/account');
  await page.getByRole('link', { name: 'How we use your data' }).click();
  await expect(page).toHaveURL(/\/account\/privacy$/);
  await expect(page.getByRole('heading', { level: 1, name: 'How we use your data' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('By email: not given');
});

test('Marketing audience: admins export the consents in force; anyone else gets a 404', async ({ page }) => {
  const consenting = await createUser();
  const silent = await createUser();
  await testSql()`update users set marketing_email_consent_at = now(), marketing_email_confirmed_at = now() where id = ${consenting.id}`;

  await logIn(page, silent);
  expect((await page.request.get('/admin/marketing/export')).status()).toBe(404);

  const admin = await createUser({ role: 'admin' });
  await page.context().clearCookies();
  await logIn(page, admin);
  await page.goto('/admin/marketing');
  await expect(page.getByRole('heading', { level: 1, name: 'Marketing audience' })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const csv = await (await (await download).createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  expect(text.split('\r\n')[0]).toBe('channel,address,user_id,consent_utc,consent_local,last_confirmation_utc,last_confirmation_local');
  expect(text).toContain(`email,${consenting.email},${consenting.id},`);
  expect(text).not.toContain(silent.email);
  const [audit] = await testSql()`select action from admin_audit where admin_id = ${admin.id} and action = 'marketing.export'`;
  expect(audit).toEqual({ action: 'marketing.export' });
});
