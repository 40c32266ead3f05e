// Every way into an account with two-step on (an authenticator app) stops at /login/two-step, not
// signed in, and finishes only with a current code: a provider sign-in, the restore of a withdrawn
// account, the reactivation of a dormant one, the sign-in after a password change; and a password
// reset by mail leaves two-step on. The login log (login_events) says what happened at each step.
// And an account without a password whose sign-in went stale confirms it is them with a current
// code on the provider reauthentication page instead of going back to the provider.
import { expect, test, type Page } from '@playwright/test';
import { runRetentionSweep } from './fixtures/cron';
import { testSql } from './fixtures/db';
import { waitForDeliveredMail } from './fixtures/outbox';
import { expectSignedInAs, signInWithProvider, uniqueSubject } from './fixtures/social';
import { freshTotpCode, giveAuthenticator } from './fixtures/two-step';
import { ageSignIn, createUser, logIn, submitPassword, type TestUser } from './fixtures/users';

/** On /login/two-step and not signed in: the ticket opens nothing else. Returns to the two-step page. */
async function expectSecondStepPending(page: Page) {
  await expect(page).toHaveURL(/\/login\/two-step$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.goto('/login/two-step');
  await expect(page.getByLabel('Code', { exact: true })).toBeVisible();
}

/** A wrong code is refused on the field, then a current one signs in. */
async function finishSecondStep(page: Page, totpSecret: string) {
  await page.getByLabel('Code', { exact: true }).fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByLabel('Code', { exact: true })).toHaveAccessibleDescription(/That code is not right/);
  await page.getByLabel('Code', { exact: true }).fill(await freshTotpCode(totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Log out' })).toBeVisible();
}

async function logOut(page: Page) {
  await page.getByRole('navigation').getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
}

/** This account's login log since `since` (an id), oldest first: [reason, success, provider]. */
async function eventsAfter(userId: string, since: number): Promise<Array<[string, boolean, string]>> {
  const rows = await testSql()<{ reason: string; success: boolean; provider: string }[]>`
    select reason, success, provider from login_events where user_id = ${userId} and id > ${since} order by id`;
  return rows.map((row) => [row.reason, row.success, row.provider]);
}

async function lastEventId(userId: string): Promise<number> {
  const [row] = await testSql()<{ id: number | null }[]>`select max(id)::int as id from login_events where user_id = ${userId}`;
  return row.id ?? 0;
}

/** The sessions that still open the account (not revoked, and of its current session_version). */
async function liveSessions(userId: string): Promise<Array<{ method: string }>> {
  return testSql()<{ method: string }[]>`
    select s.method from sessions s join users u on u.id = s.user_id
    where s.user_id = ${userId} and s.revoked_at is null and s.session_version = u.session_version order by s.created_at`;
}

test('a provider sign-in of an account with two-step on waits for the code', async ({ page }) => {
  const account = { sub: uniqueSubject('two-step'), email: `two-step-${uniqueSubject()}@example.com`.toLowerCase(), name: 'Min-jun Oh' };
  await signInWithProvider(page, account);
  await expectSignedInAs(page, 'Min-jun Oh');
  const [{ id: userId }] = await testSql()<{ id: string }[]>`select id from users where email = ${account.email}`;
  const totpSecret = await giveAuthenticator(testSql(), userId);
  await logOut(page);
  const since = await lastEventId(userId);

  await signInWithProvider(page, { sub: account.sub });
  await expectSecondStepPending(page);
  expect(await liveSessions(userId)).toEqual([]);
  await finishSecondStep(page, totpSecret);
  await expectSignedInAs(page, 'Min-jun Oh');
  expect(await eventsAfter(userId, since)).toEqual([
    ['two_step_required', false, 'oidc'],
    ['two_step_failed', false, 'oidc'],
    ['two_step_ok', true, 'oidc'],
  ]);
  expect(await liveSessions(userId)).toEqual([{ method: 'oidc' }]);
});

test('restoring a withdrawn account during its grace period waits for the code', async ({ page }) => {
  const user = await createUser({ twoStep: true });
  const totpSecret = user.totpSecret!;
  await logIn(page, user);
  await page.goto('/account/withdraw');
  await page.getByLabel('Current password').fill(user.password);
  await page.getByLabel('Type DELETE to confirm').fill('DELETE');
  await page.getByRole('button', { name: 'Withdraw' }).click();
  await expect(page).toHaveURL(/\/\?withdrawn=1$/);
  const since = await lastEventId(user.id);

  await submitPassword(page, user);
  await expect(page).toHaveURL(/\/account\/restore$/);
  await page.getByRole('button', { name: 'Restore my account' }).click();
  await expectSecondStepPending(page);
  expect(await liveSessions(user.id)).toEqual([]);
  await finishSecondStep(page, totpSecret);
  await expect(page).toHaveURL(/\/account\?restored=1$/);
  const [row] = await testSql()`select status, withdrawn_at from users where id = ${user.id}`;
  expect(row).toEqual({ status: 'active', withdrawn_at: null });
  expect(await eventsAfter(user.id, since)).toEqual([
    ['withdrawn', false, 'credentials'],
    ['two_step_required', false, 'credentials'],
    ['two_step_failed', false, 'credentials'],
    ['two_step_ok', true, 'credentials'],
  ]);
  expect(await liveSessions(user.id)).toEqual([{ method: 'restore' }]);
});

test('reactivating a dormant account with the mailed code then waits for the two-step code', async ({ page, request }) => {
  const user = await createUser({ twoStep: true, name: 'Sleeper Two-Step' });
  await testSql()`update users set created_at = now() - interval '800 days', last_login_at = now() - interval '400 days' where id = ${user.id}`;
  await runRetentionSweep(request);
  const [dormant] = await testSql()`select status, email from users where id = ${user.id}`;
  expect(dormant).toEqual({ status: 'dormant', email: null });
  const since = await lastEventId(user.id);

  await submitPassword(page, user);
  await expect(page).toHaveURL(/\/reactivate$/);
  const { email: delivered } = await waitForDeliveredMail(user.email, 'reactivation-code');
  const code = delivered.text?.match(/\b\d{6}\b/)?.[0];
  if (!code) throw new Error('no code in the reactivation mail');
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Reactivate' }).click();
  await expectSecondStepPending(page);
  expect(await liveSessions(user.id)).toEqual([]);
  await finishSecondStep(page, user.totpSecret!);
  await expectSignedInAs(page, 'Sleeper Two-Step');
  const [active] = await testSql()`select status, email from users where id = ${user.id}`;
  expect(active).toEqual({ status: 'active', email: user.email });
  expect(await eventsAfter(user.id, since)).toEqual([
    ['dormant', false, 'credentials'],
    ['two_step_required', false, 'credentials'],
    ['two_step_failed', false, 'credentials'],
    ['two_step_ok', true, 'credentials'],
  ]);
  expect(await liveSessions(user.id)).toEqual([{ method: 'reactivation' }]);
});

test('the sign-in right after a password change waits for the code', async ({ page }) => {
  const user = await createUser({ twoStep: true });
  await logIn(page, user);
  const since = await lastEventId(user.id);
  const newPassword = 'a quieter morning tide';

  await page.goto('/account/password');
  await page.getByLabel('Current password', { exact: true }).fill(user.password);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expectSecondStepPending(page);
  expect(await liveSessions(user.id)).toEqual([]);
  await finishSecondStep(page, user.totpSecret!);
  await expect(page).toHaveURL(/\/account\?passwordChanged=1$/);
  expect(await eventsAfter(user.id, since)).toEqual([
    ['two_step_required', false, 'credentials'],
    ['two_step_failed', false, 'credentials'],
    ['two_step_ok', true, 'credentials'],
  ]);
  expect(await liveSessions(user.id)).toEqual([{ method: 'password' }]);

  await logOut(page);
  await logIn(page, { ...user, password: newPassword });
});

test('a password reset by mail leaves two-step on: the next login still asks for the code', async ({ page }) => {
  const user: TestUser = await createUser({ twoStep: true });
  const newPassword = 'lantern-harbour-41';
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(user.email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await page.goto((await waitForDeliveredMail(user.email, 'reset-password')).link('/reset-password?token='));
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill(newPassword);
  await page.getByRole('button', { name: 'Reset password' }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  const [twoStep] = await testSql()<{ apps: number }[]>`select count(*)::int as apps from user_totp where user_id = ${user.id} and enabled_at is not null`;
  expect(twoStep.apps).toBe(1);
  const since = await lastEventId(user.id);

  await submitPassword(page, { email: user.email, password: newPassword });
  await expectSecondStepPending(page);
  await finishSecondStep(page, user.totpSecret!);
  expect(await eventsAfter(user.id, since)).toEqual([
    ['two_step_required', false, 'credentials'],
    ['two_step_failed', false, 'credentials'],
    ['two_step_ok', true, 'credentials'],
  ]);
});

test('a social-only account with a stale sign-in confirms with a current code on the reauthentication page: the withdrawal form opens and a first password is set', async ({ page }) => {
  const account = { sub: uniqueSubject('step-up'), email: `step-up-${uniqueSubject()}@example.com`.toLowerCase(), name: 'Ha-eun Seo' };
  await signInWithProvider(page, account);
  await expectSignedInAs(page, 'Ha-eun Seo');
  const [{ id: userId }] = await testSql()<{ id: string }[]>`select id from users where email = ${account.email}`;
  const totpSecret = await giveAuthenticator(testSql(), userId);

  await ageSignIn(page, 11);
  await page.goto('/account/withdraw');
  await expect(page.getByRole('main')).toContainText('confirm it is you by signing in again with a connected service');
  await expect(page.getByLabel('Type DELETE to confirm')).toHaveCount(0);
  await page.goto('/account/connections/reauthenticate?provider=oidc&next=/account/withdraw');
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeVisible();
  const byCode = page.getByRole('form', { name: 'Confirm with a code from your authenticator app' });
  await byCode.getByLabel('Code', { exact: true }).fill('000000');
  await byCode.getByRole('button', { name: 'Confirm' }).click();
  await expect(byCode.getByLabel('Code', { exact: true })).toHaveAccessibleDescription(/That code is not right, or it was used already/);
  await byCode.getByLabel('Code', { exact: true }).fill(await freshTotpCode(totpSecret));
  await byCode.getByRole('button', { name: 'Confirm' }).click();

  // Back on the withdrawal page: the code counts as a fresh sign-in, so the form is there.
  await expect(page).toHaveURL(/\/account\/withdraw$/);
  await expect(page.getByLabel('Type DELETE to confirm')).toBeVisible();
  await expect(page.getByLabel('Current password')).toHaveCount(0);
  // And so is the first-password form, without another confirmation.
  const password = 'a meadow after rain';
  await page.goto('/account/password');
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/account\?passwordSet=1$/);
  const [row] = await testSql()<{ password_hash: string | null }[]>`select password_hash from users where id = ${userId}`;
  expect(row.password_hash).toMatch(/^\$argon2id\$/);
  const [session] = await testSql()<{ at: Date | null }[]>`
    select reauthenticated_at as at from sessions where user_id = ${userId} and revoked_at is null order by created_at desc limit 1`;
  expect(session.at).not.toBeNull();
});
