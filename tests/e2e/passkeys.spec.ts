// Passkeys in Chromium's virtual authenticator (CDP WebAuthn: ctap2, internal, resident key, user
// verified): add one on /account/security (two-step turns on, recovery codes shown, "passkey
// added" mailed), log out, sign in with the button and through the Email field's autofill, use it
// as the second factor after the password, then remove the last passkey behind its confirmation
// and a passkey check. An account with an authenticator app and a passkey turns the app off with
// the passkey instead of a code, then two-step itself with its last passkey. Then step-up: with a
// stale sign-in, a current code of the authenticator app stands in for the current password on the
// password form, and a passkey on the email form.
// WebAuthn refuses IP addresses as relying parties, and the suite's app is on 127.0.0.1, so this
// spec runs its own instance whose APP_URL is http://localhost:<port>, on a database of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import postgres from 'postgres';
import { driverTarget } from '@/db/connection-options';
import { waitForEmail } from './fixtures/mailbox';
import { freshTotpCode } from './fixtures/two-step';
import { ageSignIn, createUser } from './fixtures/users';
import { startAppServer, type AppServer } from '../support/app-server';
import { freePort } from '../support/ports';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

test.describe.configure({ mode: 'serial' });

let server: AppServer;
let sql: postgres.Sql;
let database: TestDatabase | undefined;
let dataDir: string | undefined;
let base: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  base = `http://localhost:${port}`;
  const env: Record<string, string> = { ...(JSON.parse(process.env.E2E_APP_ENV!) as Record<string, string>), PORT: String(port), APP_URL: base, AUTH_URL: base };
  let sqlUrl: string;
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase(process.env.DATABASE_URL, process.env.DATABASE_URL_UNPOOLED || undefined);
    env.DATABASE_URL = database.url;
    env.DATABASE_URL_UNPOOLED = database.unpooledUrl ?? '';
    sqlUrl = database.unpooledUrl ?? database.url;
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lifecycle-passkeys-'));
    const socketPort = await freePort();
    env.PGLITE_DATA_DIR = dataDir;
    env.PGLITE_SOCKET_PORT = String(socketPort);
    sqlUrl = `postgres://postgres@127.0.0.1:${socketPort}/postgres`;
  }
  server = await startAppServer({ port, env });
  // Named statements, as tests/e2e/fixtures/db.ts: the embedded database's socket shares one backend with the app.
  const target = driverTarget(sqlUrl, process.env.DATABASE_PREPARE === 'on' || process.env.DATABASE_PREPARE === 'off' ? process.env.DATABASE_PREPARE : 'auto');
  sql = postgres(target.url, { max: 1, prepare: target.prepare, onnotice: () => {} });
});

test.afterAll(async () => {
  await sql?.end();
  await server?.stop();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The virtual authenticator; `presence(false)` keeps it from answering (the person has not touched it yet). */
async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; presence: (enabled: boolean) => Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return {
    cdp,
    presence: async (enabled) => {
      await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
    },
  };
}

async function logOut(page: Page) {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Log in' })).toBeVisible();
}

test('add a passkey, sign in with it by button and by autofill, use it as the second factor, and remove it', async ({ page }) => {
  test.setTimeout(90_000);
  const user = await createUser({}, sql);
  const authenticator = await addVirtualAuthenticator(page);

  // Log in with the password: a fresh sign-in, so the Passkeys section lets changes through.
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Account' })).toBeVisible();

  await page.goto(`${base}/account/security`);
  const section = page.getByRole('region', { name: 'Passkeys' });
  await expect(section.getByText('No passkeys yet')).toBeVisible();
  await expect(section.getByLabel('Name')).toHaveValue(/on Linux$/);
  await section.getByLabel('Name').fill('Work laptop');
  await section.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Two-step verification is now on' })).toBeVisible();
  await expect(section.getByText(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/)).toHaveCount(10);
  await expect(section.getByRole('cell', { name: 'Work laptop', exact: true })).toBeVisible();
  const [stored] = await sql<{ name: string; backed_up: boolean; counter: string }[]>`select name, backed_up, counter from passkeys where user_id = ${user.id}`;
  expect(stored.name).toBe('Work laptop');
  const mail = await waitForEmail(user.email, { subject: 'A passkey was added' });
  expect(mail.html).toContain('Work laptop');

  // The button: a passkey alone signs in, no password asked. The authenticator stays untouched
  // while the page loads, so the autofill request started on load passes it by; the button's
  // request, made after the touch is back on, is the one it answers.
  await logOut(page);
  await authenticator.presence(false);
  const autofillOptions = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/login');
  await page.goto(`${base}/login`);
  await autofillOptions;
  // The autofill request is made right after its options arrive; let it reach the authenticator.
  await page.waitForTimeout(500);
  await authenticator.presence(true);
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
  await expect(page).toHaveURL(`${base}/account`);
  const [signedIn] = await sql<{ method: string }[]>`select method from sessions where user_id = ${user.id} and revoked_at is null order by created_at desc limit 1`;
  expect(signedIn.method).toBe('passkey');

  // Autofill: the Email field takes passkeys; the request waits from page load, and the virtual
  // authenticator picks the saved passkey as a person would from the field's suggestions. No click.
  await logOut(page);
  await page.goto(`${base}/login`);
  await expect(page.getByLabel('Email')).toHaveAttribute('autocomplete', 'username webauthn');
  await expect(page).toHaveURL(`${base}/account`);
  const events = await sql<{ reason: string; success: boolean }[]>`select reason, success from login_events where user_id = ${user.id} order by id`;
  expect(events.map((event) => event.reason)).toEqual(['ok', 'passkey_ok', 'passkey_ok']);

  // The passkey as the second factor: with a passkey on the account two-step is on, so the right
  // password leads to /login/two-step, and "Use a passkey" finishes the sign-in. The authenticator
  // stays untouched on /login, so the Email field's autofill does not sign in first.
  await logOut(page);
  await authenticator.presence(false);
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page).toHaveURL(`${base}/login/two-step`);
  await page.getByRole('link', { name: 'Use a passkey' }).click();
  await expect(page).toHaveURL(`${base}/login/two-step/passkey`);
  await authenticator.presence(true);
  await page.getByRole('button', { name: 'Use a passkey' }).click();
  await expect(page).toHaveURL(`${base}/account`);
  const [secondFactorSession] = await sql<{ method: string }[]>`select method from sessions where user_id = ${user.id} and revoked_at is null order by created_at desc limit 1`;
  expect(secondFactorSession.method).toBe('password');
  const afterSecondFactor = await sql<{ reason: string }[]>`select reason from login_events where user_id = ${user.id} order by id`;
  expect(afterSecondFactor.map((event) => event.reason)).toEqual(['ok', 'passkey_ok', 'passkey_ok', 'two_step_required', 'passkey_ok']);

  // Remove: the confirmation box first, then (the last factor) a passkey check.
  await page.goto(`${base}/account/security`);
  await expect(section.getByText('This is your last passkey')).toBeVisible();
  await section.getByRole('button', { name: 'Remove' }).click();
  await expect(section.getByText('Tick the box to confirm.')).toBeVisible();
  expect((await sql`select id from passkeys where user_id = ${user.id}`).length).toBe(1);
  await section.getByLabel('Yes, remove “Work laptop”').check();
  await section.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('Passkey removed. Two-step verification is now off.')).toBeVisible();
  await expect(section.getByText('No passkeys yet')).toBeVisible();
  expect((await sql`select id from passkeys where user_id = ${user.id}`).length).toBe(0);
});

test('turn off the authenticator app with a passkey, then two-step with the last passkey: each checked, two-step off mailed once', async ({ page }) => {
  test.setTimeout(90_000);
  const user = await createUser({ twoStep: true }, sql);
  await addVirtualAuthenticator(page);

  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page).toHaveURL(`${base}/login/two-step`);
  await page.getByLabel('Code', { exact: true }).fill(await freshTotpCode(user.totpSecret!));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Account' })).toBeVisible();

  // Without a passkey on the account, Turn off offers only the code.
  await page.goto(`${base}/account/security`);
  const turnOff = page.getByRole('form', { name: 'Turn off' });
  await expect(turnOff.getByRole('button', { name: 'Turn off', exact: true })).toBeVisible();
  await expect(turnOff.getByRole('button', { name: 'Turn off with a passkey' })).toHaveCount(0);

  const section = page.getByRole('region', { name: 'Passkeys' });
  await section.getByLabel('Name').fill('Phone');
  await section.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'Passkey added.' })).toBeVisible();

  // With one, the passkey stands in for the code; two-step stays on (the passkey is a factor), so no mail yet.
  await page.goto(`${base}/account/security`);
  await expect(turnOff.getByLabel('Code', { exact: true })).toHaveAccessibleDescription(/or confirm with one of your passkeys/);
  await turnOff.getByRole('button', { name: 'Turn off with a passkey' }).click();
  await expect(page.getByText('The authenticator app was turned off.')).toBeVisible();
  await expect(page).toHaveURL(`${base}/account/security?off=1`);
  await expect(page.getByText('Two-step verification is on')).toBeVisible();
  expect((await sql`select user_id from user_totp where user_id = ${user.id}`).length).toBe(0);
  const [stepUps] = await sql<{ n: number }[]>`select count(*)::int as n from webauthn_challenges where user_id = ${user.id} and purpose = 'step_up' and used_at is not null`;
  expect(stepUps.n).toBe(1);

  // The last factor now: it goes only with a passkey check, and then two-step is off and mailed.
  await expect(section.getByText('This is your last passkey')).toBeVisible();
  await section.getByLabel('Yes, remove “Phone”').check();
  await section.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('Passkey removed. Two-step verification is now off.')).toBeVisible();
  await waitForEmail(user.email, { subject: 'Two-step verification is off' });
  const [mails] = await sql<{ n: number }[]>`select count(*)::int as n from mail_outbox where to_address = ${user.email} and template = 'two-step-off'`;
  expect(mails.n).toBe(1);
  const [challenges] = await sql<{ n: number }[]>`select count(*)::int as n from webauthn_challenges where user_id = ${user.id} and purpose = 'step_up' and used_at is not null`;
  expect(challenges.n).toBe(2);
});

test('with a stale sign-in, a current code confirms a password change and a passkey an email change; a wrong code is refused', async ({ page }) => {
  test.setTimeout(90_000);
  const user = await createUser({ twoStep: true }, sql);
  const totpSecret = user.totpSecret!;
  await addVirtualAuthenticator(page);
  const signedIn = page.getByRole('navigation').getByRole('link', { name: 'Account' });

  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page).toHaveURL(`${base}/login/two-step`);
  await page.getByLabel('Code', { exact: true }).fill(await freshTotpCode(totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(signedIn).toBeVisible();
  await page.goto(`${base}/account/security`);
  const passkeys = page.getByRole('region', { name: 'Passkeys' });
  await passkeys.getByLabel('Name').fill('Desk key');
  await passkeys.getByRole('button', { name: 'Add a passkey' }).click();
  await expect(passkeys.getByRole('cell', { name: 'Desk key', exact: true })).toBeVisible();

  // Stale: the password form asks for the current password, and offers a code or a passkey instead.
  await ageSignIn(page, 11);
  await page.goto(`${base}/account/password`);
  await expect(page.getByLabel('Current password', { exact: true })).toBeVisible();
  const byCode = page.getByRole('form', { name: 'Confirm with a code from your authenticator app' });
  await expect(page.getByRole('button', { name: 'Confirm with a passkey' })).toBeVisible();
  await byCode.getByLabel('Code', { exact: true }).fill('000000');
  await byCode.getByRole('button', { name: 'Confirm' }).click();
  await expect(byCode.getByLabel('Code', { exact: true })).toHaveAccessibleDescription(/That code is not right, or it was used already/);
  const [refused] = await sql<{ at: Date | null }[]>`
    select reauthenticated_at as at from sessions where user_id = ${user.id} and revoked_at is null order by created_at desc limit 1`;
  expect(refused.at).toBeNull();
  await byCode.getByLabel('Code', { exact: true }).fill(await freshTotpCode(totpSecret));
  await byCode.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'no password needed here for 10 minutes' })).toBeVisible();
  await expect(page.getByLabel('Current password', { exact: true })).toHaveCount(0);
  const newPassword = 'a harbour of quiet lanterns';
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password', { exact: true }).fill(newPassword);
  await page.getByRole('button', { name: 'Change password' }).click();
  // The sign-in that follows the change is a new one: two-step asks again.
  await expect(page).toHaveURL(`${base}/login/two-step`);
  await page.getByLabel('Code', { exact: true }).fill(await freshTotpCode(totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(`${base}/account?passwordChanged=1`);
  const [changed] = await sql<{ password_changed_at: Date }[]>`select password_changed_at from users where id = ${user.id}`;
  expect(Date.now() - changed.password_changed_at.getTime()).toBeLessThan(60_000);

  // Stale again: the email form, confirmed with the passkey.
  await ageSignIn(page, 11);
  await page.goto(`${base}/account/email`);
  await expect(page.getByLabel('Current password')).toBeVisible();
  await page.getByRole('button', { name: 'Confirm with a passkey' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'no password needed here for 10 minutes' })).toHaveText('Confirmed it is you: no password needed here for 10 minutes.');
  await expect(page).toHaveURL(`${base}/account/email`);
  await expect(page.getByLabel('Current password')).toHaveCount(0);
  const newEmail = `stepped-up-${Date.now().toString(36)}@example.com`;
  await page.getByLabel('New email').fill(newEmail);
  await page.getByRole('button', { name: 'Send confirmation' }).click();
  await expect(page.getByText(`If ${newEmail} can be used, a confirmation link is on its way there.`)).toBeVisible();
  await waitForEmail(newEmail);
  const [steppedUp] = await sql<{ at: Date | null }[]>`
    select reauthenticated_at as at from sessions where user_id = ${user.id} and revoked_at is null order by created_at desc limit 1`;
  expect(steppedUp.at).not.toBeNull();
  const events = await sql<{ reason: string }[]>`select reason from login_events where user_id = ${user.id} order by id`;
  expect(events.map((event) => event.reason)).toEqual(['two_step_required', 'two_step_ok', 'two_step_required', 'two_step_ok']);
});
