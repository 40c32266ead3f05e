import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db';
import { passkeys, recoveryCodes, userTotp, users } from '@/db/schema';
import { resetUserTwoStep } from '@/lib/admin/manage-user';
import { attemptLogin } from '@/lib/auth/login';
import { config } from '@/lib/config';
import { startPasskeyAssertion } from '@/lib/passkeys/assertion';
import { addPasskey, startPasskeyRegistration } from '@/lib/passkeys/registration';
import { removePasskey } from '@/lib/passkeys/remove-passkey';
import { confirmTotpSetup, startTotpSetup, verifyTotpCode } from '@/lib/two-step/authenticator';
import { consumePendingSignIn, countPendingFailure, findPendingSignIn, issuePendingTicket } from '@/lib/two-step/pending-sign-in';
import { issueRecoveryCodes, normaliseRecoveryCode, redeemRecoveryCode } from '@/lib/two-step/recovery-codes';
import { openSecret, sealSecret, twoStepKeyring } from '@/lib/two-step/secret-box';
import { twoStepStatus } from '@/lib/two-step/status';
import { TOTP_PERIOD_SECONDS, totpCodeAt, totpStep } from '@/lib/two-step/totp';
import { turnOffTotp } from '@/lib/two-step/turn-off';
import { resetDatabase } from './fixtures/database';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { loginEventsFor, outboxRows } from './fixtures/auth';
import { insertUser, PASSWORD } from './fixtures/users';

const client = { ip: '203.0.113.9', userAgent: 'vitest' };
const STEP_MS = TOTP_PERIOD_SECONDS * 1000;
// The start of a time step, far from any real clock.
const T0 = new Date(Math.floor(Date.parse('2031-05-01T00:00:00Z') / STEP_MS) * STEP_MS);
const at = (ms: number) => new Date(T0.getTime() + ms);

/** An account whose authenticator app was set up the way the Security page does it; its secret. */
async function withAuthenticator(now = T0) {
  const user = await insertUser();
  const started = await startTotpSetup(user.id, now);
  if (started.status !== 'pending') throw new Error('no set-up');
  const setup = await confirmTotpSetup(user.id, totpCodeAt(started.secret, totpStep(now)), now);
  if (setup.status !== 'enabled' || !setup.recoveryCodes) throw new Error('not enabled');
  return { user, secret: started.secret, codes: setup.recoveryCodes };
}

/** A passkey from a software authenticator, added the way the Security page adds one. */
async function withPasskey(user: typeof users.$inferSelect, now = T0) {
  const authenticator = new SoftAuthenticator(new URL(process.env.APP_URL!).origin);
  const added = await addPasskey({ user, response: authenticator.register(await startPasskeyRegistration(user, now)), name: 'Test key', client, now });
  if (added.status !== 'added') throw new Error('no passkey');
  return authenticator;
}

async function userRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

describe('authenticator app (TOTP)', () => {
  beforeEach(resetDatabase);

  it('turns on only with a current code, issues 10 recovery codes and mails twice, and stores the secret sealed', async () => {
    const user = await insertUser();
    const started = await startTotpSetup(user.id, T0);
    if (started.status !== 'pending') throw new Error('no set-up');
    expect((await twoStepStatus(await getDb(), user.id)).on).toBe(false);
    expect(await confirmTotpSetup(user.id, totpCodeAt(started.secret, totpStep(T0) + 5), T0)).toEqual({ status: 'wrong-code' });
    const setup = await confirmTotpSetup(user.id, totpCodeAt(started.secret, totpStep(T0)), T0);
    expect(setup.status).toBe('enabled');
    expect(await twoStepStatus(await getDb(), user.id)).toEqual({ on: true, totp: true, passkeys: 0, recoveryCodesLeft: 10 });

    const db = await getDb();
    const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, user.id));
    expect(row.secretEncrypted).not.toContain(started.secret);
    expect(row.secretEncrypted).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect((await outboxRows(user.email!)).map((mail) => mail.template).sort()).toEqual(['recovery-codes-generated', 'two-step-on']);
    // A second set-up cannot replace an app that is on.
    expect(await startTotpSetup(user.id, T0)).toEqual({ status: 'already-on' });
  });

  it('accepts one step of drift either way, to the millisecond, and nothing beyond', async () => {
    const { user, secret } = await withAuthenticator(at(-10 * STEP_MS));
    const db = await getDb();
    const step = totpStep(T0);
    // The code of `step` is good from the first millisecond of step-1 to the last of step+1.
    expect(await verifyTotpCode(db, user.id, totpCodeAt(secret, step), at(-STEP_MS - 1))).toBe(false);
    expect(await verifyTotpCode(db, user.id, totpCodeAt(secret, step), at(2 * STEP_MS))).toBe(false);
    expect(await verifyTotpCode(db, user.id, totpCodeAt(secret, step), at(-STEP_MS))).toBe(true);
    // And a later code at the last millisecond of the step after its own.
    expect(await verifyTotpCode(db, user.id, totpCodeAt(secret, step + 3), at(5 * STEP_MS - 1))).toBe(true);
    expect(await verifyTotpCode(db, user.id, totpCodeAt(secret, step + 5), at(7 * STEP_MS))).toBe(false);
    expect(await verifyTotpCode(db, user.id, '12345a', T0)).toBe(false);
  });

  it('refuses a code accepted before, and any older one, per account', async () => {
    const { user, secret } = await withAuthenticator(at(-10 * STEP_MS));
    const other = await withAuthenticator(at(-10 * STEP_MS));
    const db = await getDb();
    const step = totpStep(T0);
    expect(await verifyTotpCode(db, user.id, totpCodeAt(secret, step), T0)).toBe(true);
    expect(await verifyTotpCode(db, user.id, totpCodeAt(secret, step), T0)).toBe(false);
    expect(await verifyTotpCode(db, user.id, totpCodeAt(secret, step - 1), T0)).toBe(false);
    // Two requests racing with the same next code: exactly one wins.
    const race = await Promise.all([0, 1, 2].map(() => verifyTotpCode(db, user.id, totpCodeAt(secret, step + 1), T0)));
    expect(race.filter(Boolean)).toHaveLength(1);
    // Another account's replay state is its own.
    expect(await verifyTotpCode(db, other.user.id, totpCodeAt(other.secret, step), T0)).toBe(true);
  });

  it('seals under AES-256-GCM bound to the account, and opens secrets sealed under a previous key', () => {
    const old = twoStepKeyring({ TWO_STEP_ENCRYPTION_KEY: 'the-old-key-the-old-key-the-old-key!', AUTH_SECRET: 'x' });
    const rotated = twoStepKeyring({ TWO_STEP_ENCRYPTION_KEY: 'the-new-key-the-new-key-the-new-key!', TWO_STEP_ENCRYPTION_KEY_PREVIOUS: 'the-old-key-the-old-key-the-old-key!', AUTH_SECRET: 'x' });
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', 'user-a', old.current);
    expect(openSecret(sealed, 'user-a', old)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', stale: false });
    expect(openSecret(sealed, 'user-a', rotated)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', stale: true });
    expect(openSecret(sealed, 'user-b', old)).toBeNull();
    expect(openSecret(sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA'), 'user-a', old)).toBeNull();
    expect(openSecret(sealed, 'user-a', twoStepKeyring({ TWO_STEP_ENCRYPTION_KEY: 'the-new-key-the-new-key-the-new-key!', AUTH_SECRET: 'x' }))).toBeNull();
    // Unset, the key comes from AUTH_SECRET.
    expect(twoStepKeyring({ AUTH_SECRET: 'a' }).current.id).not.toBe(twoStepKeyring({ AUTH_SECRET: 'b' }).current.id);
  });
});

describe('recovery codes', () => {
  beforeEach(resetDatabase);

  it('are 10 distinct XXXXX-XXXXX codes, stored only as keyed hashes, each working once, with a mail saying how many are left', async () => {
    const { user, codes } = await withAuthenticator();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const db = await getDb();
    const stored = await db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored.map((row) => row.codeHash).some((hash) => codes.some((code) => hash.includes(code) || hash.includes(code.replace('-', ''))))).toBe(false);
    expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.codeHash))).toBe(true);

    // Typed in lower case without the dash still counts; then never again.
    const typed = codes[0].toLowerCase().replace('-', ' ');
    expect(await redeemRecoveryCode(db, user.id, typed, T0)).toEqual({ status: 'used', codesLeft: 9 });
    expect(await redeemRecoveryCode(db, user.id, codes[0], T0)).toEqual({ status: 'invalid' });
    const [mail] = await outboxRows(user.email!, 'recovery-code-used');
    expect(mail.props.codesLeft).toBe(9);
    // Racing uses of one code: one wins.
    const race = await Promise.all([0, 1, 2].map(() => db.transaction((tx) => redeemRecoveryCode(tx, user.id, codes[1], T0))));
    expect(race.filter((result) => result.status === 'used')).toHaveLength(1);
    // Another account's codes do not work here.
    const other = await withAuthenticator();
    expect(await redeemRecoveryCode(db, user.id, other.codes[0], T0)).toEqual({ status: 'invalid' });
  });

  it('Generate new codes voids the old set', async () => {
    const { user, codes } = await withAuthenticator();
    const db = await getDb();
    const fresh = await db.transaction((tx) => issueRecoveryCodes(tx, user.id, at(1000)));
    expect(await redeemRecoveryCode(db, user.id, codes[2], at(2000))).toEqual({ status: 'invalid' });
    expect(await redeemRecoveryCode(db, user.id, fresh[0], at(2000))).toEqual({ status: 'used', codesLeft: 9 });
    expect(normaliseRecoveryCode('ABCDE-1234')).toBeNull();
    expect(normaliseRecoveryCode('abcde-fghjo')).toBe('ABCDE-FGHJ0');
  });
});

describe('logging in with two-step on', () => {
  beforeEach(resetDatabase);

  it('a right password asks for the second step without resetting the lockout; five wrong codes end a ticket; they add up to the lock', async () => {
    const { user, secret } = await withAuthenticator(at(-10 * STEP_MS));
    const now = T0;
    const outcome = await attemptLogin({ email: user.email!, password: PASSWORD, ...client, now });
    expect(outcome).toEqual({ status: 'ok', userId: user.id, mustChangePassword: false, twoStepOn: true });
    expect((await loginEventsFor(user.email!)).at(-1)).toMatchObject({ reason: 'two_step_required', success: false });

    const ticket = await issuePendingTicket(user.id, '/account', 'password', now);
    expect(await findPendingSignIn(ticket, now)).toMatchObject({ userId: user.id, method: 'password', redirectTo: '/account' });
    for (let i = 1; i <= 4; i++) expect(await countPendingFailure(ticket, 'two_step_failed', client, now)).toBe('again');
    expect(await countPendingFailure(ticket, 'two_step_failed', client, now)).toBe('ended');
    expect(await findPendingSignIn(ticket, now)).toBeNull();
    expect((await userRow(user.id)).failedLoginCount).toBe(5);

    // Logging in again does not buy fresh tries against the lockout: five more lock the account.
    await attemptLogin({ email: user.email!, password: PASSWORD, ...client, now });
    expect((await userRow(user.id)).failedLoginCount).toBe(5);
    const second = await issuePendingTicket(user.id, '/account', 'password', now);
    for (let i = 1; i <= 4; i++) await countPendingFailure(second, 'two_step_failed', client, now);
    expect(await countPendingFailure(second, 'two_step_failed', client, now)).toBe('ended');
    const locked = await userRow(user.id);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThan(now.getTime());
    expect(await outboxRows(user.email!, 'sign-in-blocked')).toHaveLength(1);
    // While locked a new ticket opens nothing, even with the right code.
    const third = await issuePendingTicket(user.id, '/account', 'password', now);
    expect(await findPendingSignIn(third, now)).toBeNull();
    expect(await consumePendingSignIn(third, 'totp', client, now)).toBeNull();
    expect(await verifyTotpCode(await getDb(), user.id, totpCodeAt(secret, totpStep(now)), now)).toBe(true);

    const reasons = (await loginEventsFor(user.email!)).map((event) => event.reason);
    expect(reasons.filter((reason) => reason === 'two_step_failed')).toHaveLength(10);
  });

  it('a ticket is single use, expires after TWO_STEP_TICKET_MINUTES, and its success resets the lockout and logs two_step_ok', async () => {
    const { user } = await withAuthenticator();
    const now = T0;
    const ticket = await issuePendingTicket(user.id, '/account/sessions', 'oidc', now);
    await countPendingFailure(ticket, 'two_step_failed', client, now);
    expect((await userRow(user.id)).failedLoginCount).toBe(1);
    expect(await findPendingSignIn(ticket, at(5 * 60_000))).toBeNull();
    expect(await consumePendingSignIn(ticket, 'totp', client, at(5 * 60_000))).toBeNull();

    const done = await consumePendingSignIn(ticket, 'totp', client, at(60_000));
    expect(done).toMatchObject({ userId: user.id, method: 'oidc', redirectTo: '/account/sessions' });
    expect(await consumePendingSignIn(ticket, 'totp', client, at(60_000))).toBeNull();
    const row = await userRow(user.id);
    expect(row.failedLoginCount).toBe(0);
    expect(row.lastLoginAt?.toISOString()).toBe(at(60_000).toISOString());
    const events = await loginEventsFor(user.email!);
    expect(events.at(-1)).toMatchObject({ reason: 'two_step_ok', success: true });
    const [provider] = await queryRows<{ provider: string }>(await getDb(), sql`select provider from login_events where reason = 'two_step_ok'`);
    expect(provider.provider).toBe('oidc');
    // A forged ticket (another method prefix on the same token) is unknown.
    expect(await findPendingSignIn(ticket.replace(/^oidc\./, 'passkey.'), now)).toBeNull();
  });

  it('a wrong password answers as for an account without two-step, in the same time', async () => {
    const { user } = await withAuthenticator();
    const plain = await insertUser();
    const timed = async (email: string) => {
      const started = performance.now();
      const outcome = await attemptLogin({ email, password: 'not the password', ...client, now: new Date() });
      return { outcome, ms: performance.now() - started };
    };
    const two: number[] = [];
    const unknown: number[] = [];
    const without: number[] = [];
    for (let round = 0; round < 9; round++) {
      for (const [email, list] of [[user.email!, two], [`nobody-${round}@example.com`, unknown], [plain.email!, without]] as const) {
        const { outcome, ms } = await timed(email);
        expect(outcome).toEqual({ status: 'invalid' });
        list.push(ms);
      }
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    // Argon2 dominates every path; the generous bound catches a second-factor lookup before the password check.
    expect(median(two) / median(unknown)).toBeLessThan(1.5);
    expect(median(two) / median(without)).toBeLessThan(1.5);
    expect((await loginEventsFor(user.email!)).every((event) => event.reason === 'wrong_password')).toBe(true);
  });

  it('an admin reset removes the app and the recovery codes, mails the person, and the next login asks only for the password', async () => {
    const { user, codes } = await withAuthenticator();
    const db = await getDb();
    expect(await db.transaction((tx) => resetUserTwoStep(user.id, at(1000), tx))).toEqual({ status: 'done' });
    expect(await twoStepStatus(db, user.id)).toEqual({ on: false, totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    expect(await redeemRecoveryCode(db, user.id, codes[0], at(2000))).toEqual({ status: 'invalid' });
    const [mail] = await outboxRows(user.email!, 'two-step-off');
    expect(mail.props.by).toBe('admin');
    expect(await db.transaction((tx) => resetUserTwoStep(user.id, at(3000), tx))).toEqual({ status: 'not-applicable' });
    await attemptLogin({ email: user.email!, password: PASSWORD, ...client, now: at(4000) });
    expect((await loginEventsFor(user.email!)).at(-1)).toMatchObject({ reason: 'ok', success: true });
  });
});

describe('turning the authenticator app off', () => {
  beforeEach(resetDatabase);

  it('with a current code: wrong ones refused and counted with the wrong passwords; the last factor gone, two-step is off, codes voided, mailed', async () => {
    const { user, secret, codes } = await withAuthenticator(at(-10 * STEP_MS));
    const db = await getDb();
    const step = totpStep(T0);
    expect(await turnOffTotp({ userId: user.id, proof: { kind: 'code', code: totpCodeAt(secret, step + 5) }, now: T0 })).toEqual({ status: 'wrong-code' });
    expect((await twoStepStatus(db, user.id)).totp).toBe(true);
    expect(await turnOffTotp({ userId: user.id, proof: { kind: 'code', code: totpCodeAt(secret, step) }, now: T0 })).toEqual({ status: 'off', twoStepOff: true });
    expect(await twoStepStatus(db, user.id)).toEqual({ on: false, totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    expect(await redeemRecoveryCode(db, user.id, codes[0], T0)).toEqual({ status: 'invalid' });
    const [mail] = await outboxRows(user.email!, 'two-step-off');
    expect(mail.props.by).toBe('you');
    // Nothing left to turn off: the same code again changes nothing and mails nothing more.
    expect(await turnOffTotp({ userId: user.id, proof: { kind: 'code', code: totpCodeAt(secret, step + 1) }, now: T0 })).toEqual({ status: 'wrong-code' });
    expect(await outboxRows(user.email!, 'two-step-off')).toHaveLength(1);

    const other = await withAuthenticator(at(-10 * STEP_MS));
    for (let i = 0; i < config.REAUTH_FAILURE_LIMIT; i++) {
      expect(await turnOffTotp({ userId: other.user.id, proof: { kind: 'code', code: '000000' }, now: T0 })).toEqual({ status: 'wrong-code' });
    }
    // The limit reached, even the right code is refused until the window passes.
    expect(await turnOffTotp({ userId: other.user.id, proof: { kind: 'code', code: totpCodeAt(other.secret, step) }, now: T0 })).toEqual({ status: 'too-many-attempts' });
    expect((await twoStepStatus(db, other.user.id)).totp).toBe(true);
  });

  it('with a passkey of the person’s own: a forged, foreign, sign-in or replayed answer is refused; the passkey left keeps two-step on, unmailed', async () => {
    const { user } = await withAuthenticator(at(-10 * STEP_MS));
    const authenticator = await withPasskey(user);
    const db = await getDb();
    const target = { purpose: 'step_up' as const, userId: user.id };
    const off = (assertion: ReturnType<SoftAuthenticator['assert']>) => turnOffTotp({ userId: user.id, proof: { kind: 'passkey', assertion }, now: T0 });

    const forged = authenticator.assert(await startPasskeyAssertion(target, T0));
    forged.response.signature = Buffer.from('forged').toString('base64url');
    expect(await off(forged)).toEqual({ status: 'passkey-invalid' });
    // A passkey sign-in's challenge, or a step-up challenge issued to someone else, is not this one's.
    expect(await off(authenticator.assert(await startPasskeyAssertion({ purpose: 'sign_in' }, T0)))).toEqual({ status: 'passkey-invalid' });
    const stranger = await insertUser();
    const strangers = await withPasskey(stranger);
    expect(await off(authenticator.assert(await startPasskeyAssertion({ purpose: 'step_up', userId: stranger.id }, T0)))).toEqual({ status: 'passkey-invalid' });
    // Someone else's passkey answering this person's challenge.
    expect(await off(strangers.assert(await startPasskeyAssertion(target, T0)))).toEqual({ status: 'passkey-invalid' });
    expect((await twoStepStatus(db, user.id)).totp).toBe(true);

    const proof = authenticator.assert(await startPasskeyAssertion(target, T0));
    expect(await off(proof)).toEqual({ status: 'off', twoStepOff: false });
    expect(await twoStepStatus(db, user.id)).toMatchObject({ on: true, totp: false, passkeys: 1 });
    expect(await outboxRows(user.email!, 'two-step-off')).toHaveLength(0);

    // The app on again: the answer that turned it off does not turn it off a second time.
    const again = await startTotpSetup(user.id, T0);
    if (again.status !== 'pending') throw new Error('no set-up');
    expect((await confirmTotpSetup(user.id, totpCodeAt(again.secret, totpStep(T0)), T0)).status).toBe('enabled');
    expect(await off(proof)).toEqual({ status: 'passkey-invalid' });
    expect((await twoStepStatus(db, user.id)).totp).toBe(true);
  });

  it('racing the removal of the other factor, two-step is never left off without its mail', async () => {
    for (let round = 0; round < 8; round++) {
      const { user, secret } = await withAuthenticator(at(-10 * STEP_MS));
      await withPasskey(user);
      const db = await getDb();
      const [passkey] = await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, user.id));
      // Neither needs a passkey check on its own: each sees the other factor still there.
      await Promise.all([
        turnOffTotp({ userId: user.id, proof: { kind: 'code', code: totpCodeAt(secret, totpStep(T0)) }, now: T0 }),
        removePasskey({ userId: user.id, passkeyId: passkey.id, assertion: null, now: T0 }),
      ]);
      const status = await twoStepStatus(db, user.id);
      expect(await outboxRows(user.email!, 'two-step-off')).toHaveLength(status.on ? 0 : 1);
    }
  });
});
