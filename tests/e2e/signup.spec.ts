import { expect, type Page, test } from '@playwright/test';
import { contextFromIp } from './fixtures/client-ip';
import { testSql } from './fixtures/db';
import { outboxMails, waitForDeliveredMail, waitForOutboxRow } from './fixtures/outbox';
import { createUser, uniqueEmail } from './fixtures/users';

const PASSWORD = 'tangerine-oxbow-47';

async function signUpThroughPage(page: Page, person: { name: string; email: string; password?: string }) {
  await page.goto('/signup');
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password ?? PASSWORD);
  await page.getByLabel('I agree to the Terms and Privacy Policy').check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/signup\/check-email$/);
}

test('sign up, verify by the emailed link, log in and log out', async ({ page }) => {
  const email = uniqueEmail('signup');
  await signUpThroughPage(page, { name: 'Seo-yeon Park', email: `  ${email.toUpperCase()} ` });
  await expect(page.getByRole('main')).toContainText(`We sent a link to ${email}.`);
  // No session before the address is verified.
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();

  const verifyUrl = (await waitForDeliveredMail(email, 'verify-email')).link('/verify-email?token=');
  const [stored] = await testSql()<{ token_hash: string }[]>`
    select token_hash from auth_tokens t join users u on u.id = t.user_id where u.email = ${email} and t.purpose = 'verify_email'`;
  const token = new URL(verifyUrl).searchParams.get('token')!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(stored.token_hash).not.toContain(token);

  await page.goto(verifyUrl);
  await expect(page).toHaveURL(/\/login\?verified=1$/);
  await expect(page.locator('form').getByRole('status').first()).toHaveText('Your email is verified. You can log in now.');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('navigation')).toContainText('Seo-yeon Park');
  const [user] = await testSql()<{ last_login_at: Date | null }[]>`select last_login_at from users where email = ${email}`;
  expect(user.last_login_at).not.toBeNull();

  const session = (await page.context().cookies()).find((cookie) => cookie.name.endsWith('authjs.session-token'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
});

test('every field error shows at once, under its field', async ({ page }) => {
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Sign up' }).click();
  for (const [label, message] of [
    ['Name', 'This field is required.'],
    ['Email', 'This field is required.'],
    ['Password', 'This field is required.'],
  ] as const) {
    await expect(page.getByLabel(label)).toHaveAccessibleDescription(new RegExp(message.replace('.', '\\.')));
  }
  await expect(page.getByLabel('I agree to the Terms and Privacy Policy')).toHaveAccessibleDescription('To sign up, agree to the Terms and Privacy Policy.');

  const email = uniqueEmail('policy');
  await page.getByLabel('Name').fill('Policy Tester');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('Password1');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/This password is too common/);
  await expect(page.getByLabel('Email')).toHaveValue(email);

  await page.getByLabel('Password').fill(email);
  await page.getByLabel('I agree to the Terms and Privacy Policy').check();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/Your password cannot be your email address\./);
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/Use at least 8 characters\./);
  expect(await outboxMails(email)).toEqual([]);
});

test('a taken address gets the same page, and its owner a sign-up attempt mail', async ({ page }) => {
  const owner = await createUser({ name: 'Original Owner' });
  await signUpThroughPage(page, { name: 'Someone Else', email: owner.email });
  await expect(page.getByRole('main')).toContainText(`We sent a link to ${owner.email}.`);
  const attempt = await waitForDeliveredMail(owner.email, 'signup-attempt');
  expect(attempt.link('/forgot-password')).toMatch(/\/forgot-password$/);
  expect(attempt.link('/login')).toMatch(/\/login$/);
  expect(await outboxMails(owner.email, 'verify-email')).toEqual([]);
  const [{ count }] = await testSql()<{ count: number }[]>`select count(*)::int as count from users where email = ${owner.email}`;
  expect(count).toBe(1);
});

test('expired, tampered and reused verification links', async ({ page }) => {
  const email = uniqueEmail('links');
  await signUpThroughPage(page, { name: 'Link Tester', email });
  const verifyUrl = (await waitForDeliveredMail(email, 'verify-email')).link('/verify-email?token=');
  const url = new URL(verifyUrl);
  const token = url.searchParams.get('token')!;

  const tampered = `/verify-email?token=${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
  await page.goto(tampered);
  await expect(page).toHaveURL(/\/verify-email\/invalid$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link is invalid or has expired');
  await expect(page.getByRole('main').getByRole('link', { name: 'Send a new verification link' })).toHaveAttribute('href', '/verify-email/resend');

  const sql = testSql();
  await sql`update auth_tokens set expires_at = now() - interval '1 second'
            where user_id = (select id from users where email = ${email}) and purpose = 'verify_email'`;
  await page.goto(`${url.pathname}${url.search}`);
  await expect(page).toHaveURL(/\/verify-email\/invalid$/);
  const [afterExpired] = await sql<{ email_verified_at: Date | null }[]>`select email_verified_at from users where email = ${email}`;
  expect(afterExpired.email_verified_at).toBeNull();

  await sql`update auth_tokens set expires_at = now() + interval '1 hour'
            where user_id = (select id from users where email = ${email}) and purpose = 'verify_email'`;
  await page.goto(`${url.pathname}${url.search}`);
  await expect(page).toHaveURL(/\/login\?verified=1$/);
  await page.goto(`${url.pathname}${url.search}`);
  await expect(page).toHaveURL(/\/verify-email\/already-verified$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your email is already verified');
  await expect(page.getByRole('main').getByRole('link', { name: 'Log in' })).toBeVisible();
});

test('resend answers the same for every address and sends at most once a minute and five times a day', async ({ page }) => {
  const email = uniqueEmail('resend');
  await signUpThroughPage(page, { name: 'Resend Tester', email });
  await waitForOutboxRow(email, 'verify-email');
  const verified = await createUser();
  const message = 'If an unverified account exists for that address, we sent a new link.';

  const resend = async (address: string) => {
    await page.goto('/verify-email/resend');
    await page.getByLabel('Email').fill(address);
    await page.getByRole('button', { name: 'Send link' }).click();
    await expect(page.locator('form').getByRole('status')).toHaveText(message);
  };
  await resend(email);
  await resend(verified.email);
  await resend(uniqueEmail('nobody'));
  expect(await outboxMails(email, 'verify-email')).toHaveLength(1);
  expect(await outboxMails(verified.email, 'verify-email')).toHaveLength(0);

  // A minute later a new link goes out, and the first one stops working.
  const sql = testSql();
  const key = `email:verify-email:${email}`;
  await sql`update rate_limit_hits set created_at = created_at - interval '2 minutes' where key = ${key}`;
  await resend(email);
  const first = (await waitForDeliveredMail(email, 'verify-email', { index: 0 })).link('/verify-email?token=');
  await waitForOutboxRow(email, 'verify-email', { count: 2 });
  await page.goto(first);
  await expect(page).toHaveURL(/\/verify-email\/invalid$/);

  // Five per day: three more hits earlier today fill the day.
  await sql`update rate_limit_hits set created_at = created_at - interval '2 minutes' where key = ${key}`;
  await sql`insert into rate_limit_hits (key, created_at) select ${key}, now() - interval '1 hour' from generate_series(1, 3)`;
  await resend(email);
  expect(await outboxMails(email, 'verify-email')).toHaveLength(2);
});

test('an unverified account with the right password is told to verify first, with a link to resend', async ({ browser }) => {
  const { context } = await contextFromIp(browser);
  const page = await context.newPage();
  const user = await createUser({ verified: false });
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const alert = page.locator('form').getByRole('alert');
  await expect(alert).toContainText('Verify your email first.');
  await alert.getByRole('link', { name: 'Send a new verification link' }).click();
  await expect(page).toHaveURL(/\/verify-email\/resend$/);
  await context.close();
});

test('in Korean: sign-up mail in Korean and login errors in Korean', async ({ browser }) => {
  const { context } = await contextFromIp(browser, undefined, { acceptLanguage: 'ko-KR,ko;q=0.9', locale: 'ko-KR' });
  const page = await context.newPage();
  const email = uniqueEmail('korean');
  await page.goto('/signup');
  await page.getByLabel('이름').fill('김민준');
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(PASSWORD);
  await page.getByLabel('이용약관 및 개인정보처리방침에 동의합니다').check();
  await page.getByRole('button', { name: '가입하기' }).click();
  await expect(page.getByRole('main')).toContainText(`${email}(으)로 인증 링크를 보냈어요.`);
  const row = await waitForOutboxRow(email, 'verify-email');
  expect(row.locale).toBe('ko');
  const [user] = await testSql()<{ locale: string }[]>`select locale from users where email = ${email}`;
  expect(user.locale).toBe('ko');

  await page.goto('/login');
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill('틀린 비밀번호입니다');
  await page.getByRole('button', { name: '로그인' }).first().click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('이메일 또는 비밀번호가 올바르지 않아요.');
  await context.close();
});

test('the privacy page states the retention periods in force', async ({ page }) => {
  await page.goto('/signup');
  await page.getByRole('main').getByRole('link', { name: 'Privacy Policy' }).click();
  await expect(page).toHaveURL(/\/privacy$/);
  const main = page.getByRole('main');
  await expect(main).toContainText('If you do not log in for 365 days');
  await expect(main).toContainText('We email you 30 days before');
  await expect(main).toContainText('deleted 60 days after it became dormant');
  await expect(main).toContainText('we keep it for 60 days');
  await expect(main).toContainText('not verified within 7 days');
  await expect(main).toContainText('Login records are kept for 365 days');
  await expect(main).toContainText('older than 60 days');
  await page.goto('/terms');
  await expect(page.getByRole('heading', { level: 1, name: 'Terms' })).toBeVisible();
});
