import { expect, test, type Page } from '@playwright/test';
import { testSql } from './fixtures/db';
import { waitForEmail } from './fixtures/mailbox';
import { waitForOutboxRow } from './fixtures/outbox';
import { createUser, logIn, type TestUser } from './fixtures/users';

async function fillWithdrawal(page: Page, values: { password: string; phrase: string; reason?: string; details?: string }) {
  await page.goto('/account/withdraw');
  await page.getByLabel('Current password').fill(values.password);
  await page.getByLabel('Type DELETE to confirm').fill(values.phrase);
  if (values.reason) await page.getByLabel('Reason (optional)').selectOption({ label: values.reason });
  if (values.details) await page.getByLabel("Anything else you'd like to tell us? (optional)").fill(values.details);
  await page.getByRole('button', { name: 'Withdraw' }).click();
}

async function accountRow(user: TestUser) {
  const [row] = await testSql()`
    select status, withdrawn_at, withdrawal_reason, session_version from users where id = ${user.id}`;
  return row;
}

async function logInExpectingRestore(page: Page, user: TestUser) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/account\/restore$/);
}

function longDate(date: Date, locale = 'en'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Asia/Seoul' }).format(date);
}

test('the page explains what happens, with the real dates', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  await page.goto('/account/withdraw');
  const deletion = longDate(new Date(Date.now() + 60 * 24 * 60 * 60 * 1000));
  await expect(page.getByRole('main')).toContainText(`We keep your data for 60 days and then delete it for good on ${deletion}.`);
  await expect(page.getByRole('main')).toContainText(`If you log in before ${deletion}, we'll offer to restore your account.`);
});

test('a wrong password or a wrong phrase changes nothing', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  const before = await accountRow(user);

  await fillWithdrawal(page, { password: 'not my password', phrase: 'DELETE' });
  await expect(page.getByLabel('Current password')).toHaveAccessibleDescription('The current password is not correct.');
  await expect(page.getByLabel('Type DELETE to confirm')).toHaveValue('DELETE');

  await fillWithdrawal(page, { password: user.password, phrase: 'delete me' });
  await expect(page.getByLabel('Type DELETE to confirm')).toHaveAccessibleDescription('Type the word exactly as shown, in capital letters.');

  await fillWithdrawal(page, { password: '', phrase: '' });
  await expect(page.getByLabel('Current password')).toHaveAccessibleDescription('This field is required.');

  expect(await accountRow(user)).toEqual(before);
  await page.goto('/account');
  await expect(page).toHaveURL(/\/account$/);
});

test('withdrawal closes the account, ends every session and mails the deletion date', async ({ page, browser }) => {
  const user = await createUser();
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await logIn(otherPage, user);
  await logIn(page, user);

  await fillWithdrawal(page, { password: user.password, phrase: 'DELETE', reason: 'Privacy concerns', details: 'Just tidying up.' });
  await expect(page).toHaveURL(/\/\?withdrawn=1$/);
  await expect(page.getByRole('main').getByRole('status')).toContainText('Your account is closed.');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();

  await otherPage.goto('/account');
  await expect(otherPage).toHaveURL(/\/login\?callbackUrl=%2Faccount$/);
  await other.close();

  const row = await accountRow(user);
  expect(row.status).toBe('withdrawn');
  expect(row.withdrawn_at).toBeInstanceOf(Date);
  expect(row.withdrawal_reason).toBe('privacy: Just tidying up.');
  const mail = await waitForEmail(user.email, { subject: 'account was closed' });
  const deletion = longDate(new Date(row.withdrawn_at.getTime() + 60 * 24 * 60 * 60 * 1000));
  expect(mail.html).toContain(`We will delete your personal data on ${deletion}.`);
});

test('logging in before the deletion date offers a restore, and restoring signs in', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  await fillWithdrawal(page, { password: user.password, phrase: 'DELETE' });
  await expect(page).toHaveURL(/\/\?withdrawn=1$/);
  const { withdrawn_at: withdrawnAt } = await accountRow(user);

  await logInExpectingRestore(page, user);
  const deletion = longDate(new Date(withdrawnAt.getTime() + 60 * 24 * 60 * 60 * 1000));
  await expect(page.getByRole('main')).toContainText(`Your account is scheduled for deletion on ${deletion}.`);
  await page.getByRole('button', { name: 'Restore my account' }).click();
  await expect(page).toHaveURL(/\/account\?restored=1$/);
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Welcome back. Your account has been restored.');

  const row = await accountRow(user);
  expect(row).toMatchObject({ status: 'active', withdrawn_at: null });
  const events = await testSql()`
    select success, reason from login_events where user_id = ${user.id} and created_at >= ${withdrawnAt} order by id`;
  expect(events.map((event) => [event.success, event.reason])).toEqual([
    [false, 'withdrawn'],
    [true, 'ok'],
  ]);

  // The restore offer was used up with the cookie.
  await page.goto('/account/restore');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('There is no account to restore here.');
});

test('keeping it closed logs out and leaves the account withdrawn', async ({ page }) => {
  const user = await createUser();
  await logIn(page, user);
  await fillWithdrawal(page, { password: user.password, phrase: 'DELETE' });
  await expect(page).toHaveURL(/\/\?withdrawn=1$/);

  await logInExpectingRestore(page, user);
  await page.getByRole('button', { name: 'Keep it closed' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
  expect((await accountRow(user)).status).toBe('withdrawn');
  expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain('restore');

  await page.goto('/account/restore');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('There is no account to restore here.');
  await expect(page.getByRole('button', { name: 'Restore my account' })).toHaveCount(0);
});

test.describe('in Korean', () => {
  test.use({ locale: 'ko-KR', extraHTTPHeaders: { 'Accept-Language': 'ko-KR,ko;q=0.9' } });

  test('withdrawal and the restore offer read in Korean', async ({ page }) => {
    const user = await createUser({ name: '김민지' });
    await page.goto('/login');
    await page.getByLabel('이메일').fill(user.email);
    await page.getByLabel('비밀번호').fill(user.password);
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    await expect(page.getByRole('navigation').getByRole('link', { name: '내 계정', exact: true })).toBeVisible();

    await page.goto('/account/withdraw');
    await expect(page.getByRole('heading', { name: '회원 탈퇴' })).toBeVisible();
    await page.getByLabel('현재 비밀번호').fill(user.password);
    await page.getByLabel('확인을 위해 DELETE를 입력해 주세요 (영문 대문자)').fill('탈퇴');
    await page.getByRole('button', { name: '탈퇴하기' }).click();
    await expect(page.getByLabel('확인을 위해 DELETE를 입력해 주세요 (영문 대문자)')).toHaveAccessibleDescription(
      '표시된 단어를 영문 대문자로 정확히 입력해 주세요.',
    );
    expect((await accountRow(user)).status).toBe('active');

    await page.getByLabel('현재 비밀번호').fill(user.password);
    await page.getByLabel('확인을 위해 DELETE를 입력해 주세요 (영문 대문자)').fill('DELETE');
    await page.getByLabel('탈퇴 사유 (선택)').selectOption({ label: '메일이 너무 많이 와요' });
    await page.getByRole('button', { name: '탈퇴하기' }).click();
    await expect(page).toHaveURL(/\/\?withdrawn=1$/);
    await expect(page.getByRole('main').getByRole('status')).toContainText('탈퇴가 완료되었어요.');
    expect(await accountRow(user)).toMatchObject({ status: 'withdrawn', withdrawal_reason: 'too-many-emails' });
    const mail = await waitForOutboxRow(user.email, 'withdrawal-confirmed');
    expect(mail.locale).toBe('ko');

    await page.goto('/login');
    await page.getByLabel('이메일').fill(user.email);
    await page.getByLabel('비밀번호').fill(user.password);
    await page.getByRole('button', { name: '로그인', exact: true }).click();
    await expect(page).toHaveURL(/\/account\/restore$/);
    const { withdrawn_at: withdrawnAt } = await accountRow(user);
    const deletion = longDate(new Date(withdrawnAt.getTime() + 60 * 24 * 60 * 60 * 1000), 'ko');
    await expect(page.getByRole('main')).toContainText(`계정이 ${deletion}에 삭제될 예정이에요.`);
    await expect(page.getByRole('button', { name: '계정 복구하기' })).toBeVisible();
    await expect(page.getByRole('button', { name: '탈퇴 상태 유지' })).toBeVisible();
  });
});
