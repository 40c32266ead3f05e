// Two-step sign-in in Chromium: setting up an authenticator app from the Security page (the test
// reads the Setup key and computes codes as an app does), logging in with a code, a wrong code and
// a replayed one, a recovery code that works once, turning it off; and admins held to two-step.
import { expect, test, type Page } from '@playwright/test';
import { totpCodeAt, totpStep } from '@/lib/two-step/totp';
import { testSql } from './fixtures/db';
import { waitForEmail } from './fixtures/mailbox';
import { freshTotpCode, noteTotpStepUsed } from './fixtures/two-step';
import { createUser, logIn, submitPassword } from './fixtures/users';

async function passwordStep(page: Page, user: { email: string; password: string }) {
  await submitPassword(page, user);
  await expect(page).toHaveURL(/\/login\/two-step$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-step verification' })).toBeVisible();
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
}

async function reasonsOf(userId: string): Promise<string[]> {
  const rows = await testSql()<{ reason: string }[]>`select reason from login_events where user_id = ${userId} order by id`;
  return rows.map((row) => row.reason);
}

test('set up an authenticator app, log in with a code (wrong and replayed ones refused), a recovery code once, then turn it off', async ({ page }) => {
  test.setTimeout(120_000);
  const user = await createUser();
  await logIn(page, user);
  await page.getByRole('link', { name: 'Security', exact: true }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByText('Two-step verification is off')).toBeVisible();

  // Fresh from logging in: no password asked to start.
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const setupKey = (await page.locator('dt', { hasText: 'Setup key' }).locator('xpath=following-sibling::dd[1]').innerText()).replace(/\s/g, '');
  expect(setupKey).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.locator('svg').first()).toBeVisible();

  await page.getByLabel('Code', { exact: true }).fill(totpCodeAt(setupKey, totpStep(new Date()) + 3));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByLabel('Code', { exact: true })).toHaveAccessibleDescription(/That code is not right/);
  await page.getByLabel('Code', { exact: true }).fill(await freshTotpCode(setupKey, user.id));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText('Two-step verification is on.')).toBeVisible();
  const codes = await page.locator('ol.recovery-codes code').allInnerTexts();
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await expect(page.getByRole('link', { name: 'Download' })).toHaveAttribute('download', 'recovery-codes.txt');
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  await waitForEmail(user.email, { subject: 'Two-step verification is on' });
  await waitForEmail(user.email, { subject: 'New recovery codes' });
  const [stored] = await testSql()<{ secret_encrypted: string }[]>`select secret_encrypted from user_totp where user_id = ${user.id} and enabled_at is not null`;
  expect(stored.secret_encrypted).not.toContain(setupKey);

  // Log in: the password alone does not sign in; a wrong code is refused; a current code works.
  await logOut(page);
  await passwordStep(page, user);
  const ticketCookie = (await page.context().cookies()).find((cookie) => cookie.name === 'two_step');
  expect(ticketCookie).toMatchObject({ httpOnly: true, path: '/login/two-step' });
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.goto('/login/two-step');
  await page.getByLabel('Code', { exact: true }).fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByLabel('Code', { exact: true })).toHaveAccessibleDescription(/That code is not right/);
  const accepted = await freshTotpCode(setupKey);
  await page.getByLabel('Code', { exact: true }).fill(accepted);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Account' })).toBeVisible();
  expect((await reasonsOf(user.id)).slice(-3)).toEqual(['two_step_required', 'two_step_failed', 'two_step_ok']);

  // The same code again (still within its time window) is a replay: refused.
  await logOut(page);
  await passwordStep(page, user);
  await page.getByLabel('Code', { exact: true }).fill(accepted);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByLabel('Code', { exact: true })).toHaveAccessibleDescription(/That code is not right, or it was used already/);

  // A recovery code instead: it works once, and the mail says how many are left.
  await page.getByRole('link', { name: 'Use a recovery code' }).click();
  await page.getByLabel('Recovery code').fill(codes[0].toLowerCase());
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Account' })).toBeVisible();
  const used = await waitForEmail(user.email, { subject: 'A recovery code was used' });
  expect(used.text ?? used.html).toContain('You have 9 recovery codes left.');
  await logOut(page);
  await passwordStep(page, user);
  await page.getByRole('link', { name: 'Use a recovery code' }).click();
  await page.getByLabel('Recovery code').fill(codes[0]);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByLabel('Recovery code')).toHaveAccessibleDescription(/That recovery code is not right, or it was used already/);
  await page.getByRole('link', { name: 'Use your authenticator app' }).click();
  await page.getByLabel('Code', { exact: true }).fill(await freshTotpCode(setupKey));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Account' })).toBeVisible();

  // Turn off: a fresh sign-in and a current code; mailed; the next login asks only for the password.
  await page.goto('/account/security');
  await expect(page.getByText('9 recovery codes left.')).toBeVisible();
  await page.getByRole('form', { name: 'Turn off' }).getByLabel('Code', { exact: true }).fill(await freshTotpCode(setupKey));
  await page.getByRole('button', { name: 'Turn off' }).click();
  await expect(page.getByText('The authenticator app was turned off.')).toBeVisible();
  await expect(page.getByText('Two-step verification is off')).toBeVisible();
  await waitForEmail(user.email, { subject: 'Two-step verification is off' });
  const [left] = await testSql()<{ count: number }[]>`select count(*)::int as count from recovery_codes where user_id = ${user.id} and used_at is null`;
  expect(left.count).toBe(0);
  await logOut(page);
  await logIn(page, user);
});

test('an admin without two-step is sent to the Security page before any admin page or export; a non-admin still gets 404', async ({ page, browser }) => {
  const admin = await createUser({ role: 'admin', twoStep: false });
  await logIn(page, admin);
  await page.goto('/admin/users');
  await expect(page).toHaveURL(/\/account\/security\?required=admin$/);
  await expect(page.getByText('Administrators must turn on two-step verification')).toBeVisible();
  const exported = await page.request.get('/admin/logins/export', { maxRedirects: 0 });
  expect(exported.status()).toBe(303);
  expect(exported.headers().location).toBe('/account/security?required=admin');
  const [audited] = await testSql()<{ count: number }[]>`select count(*)::int as count from admin_audit where admin_id = ${admin.id}`;
  expect(audited.count).toBe(0);

  const someone = await browser.newPage();
  await logIn(someone, await createUser());
  expect((await someone.goto('/admin'))?.status()).toBe(404);
  await someone.close();

  // With an authenticator app on, the console opens; and its Reset two-step helps someone who lost theirs.
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const setupKey = (await page.locator('dt', { hasText: 'Setup key' }).locator('xpath=following-sibling::dd[1]').innerText()).replace(/\s/g, '');
  const step = totpStep(new Date());
  noteTotpStepUsed(setupKey, step);
  await page.getByLabel('Code', { exact: true }).fill(totpCodeAt(setupKey, step));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByText('Two-step verification is on.')).toBeVisible();
  const lost = await createUser({ twoStep: true });
  await page.goto(`/admin/users/${lost.id}`);
  await expect(page.locator('dt', { hasText: 'Two-step verification' }).locator('xpath=following-sibling::dd[1]')).toHaveText('On (authenticator app)');
  const reset = page.getByRole('form', { name: 'Reset two-step' });
  await reset.getByRole('button', { name: 'Reset two-step' }).click();
  await expect(reset.getByRole('alert')).toBeVisible();
  await reset.getByRole('checkbox').check();
  await reset.getByRole('button', { name: 'Reset two-step' }).click();
  await expect(reset.getByText('Two-step verification was reset; the person was mailed.')).toBeVisible();
  const [after] = await testSql()<{ totp: number; audit: number }[]>`
    select (select count(*)::int from user_totp where user_id = ${lost.id}) as totp,
           (select count(*)::int from admin_audit where action = 'user.reset-two-step' and target = ${lost.id}) as audit`;
  expect(after).toEqual({ totp: 0, audit: 1 });
  await waitForEmail(lost.email, { subject: 'Two-step verification is off' });
});
