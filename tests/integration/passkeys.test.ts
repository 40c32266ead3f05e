// Passkeys (issue 15, engineer B): registration and assertions verified by @simplewebauthn/server
// against a software authenticator; challenges single use, five minutes, hashed, purged by the
// sweep; the signature counter refusing a regression; passwordless sign-in with no way to tell
// who has an account; the last factor removed only with a passkey; deletion with the account.
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db';
import { loginEvents, passkeys, users, webauthnChallenges } from '@/db/schema';
import { streamDataExport } from '@/lib/account/export-data';
import { hashToken } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { startPasskeyAssertion, verifyPasskeyAssertion } from '@/lib/passkeys/assertion';
import { CHALLENGE_TTL_MS } from '@/lib/passkeys/challenges';
import { countPasskeys, deletePasskeys } from '@/lib/passkeys/passkey-factor';
import { addPasskey, startPasskeyRegistration } from '@/lib/passkeys/registration';
import { removePasskey } from '@/lib/passkeys/remove-passkey';
import { signInWithPasskey } from '@/lib/passkeys/sign-in-with-passkey';
import { startPasskeySignIn } from '@/lib/passkeys/start-passkey-sign-in';
import { runSweep } from '@/lib/retention/run-sweep';
import { confirmTotpSetup, startTotpSetup } from '@/lib/two-step/authenticator';
import { redeemRecoveryCode } from '@/lib/two-step/recovery-codes';
import { twoStepStatus } from '@/lib/two-step/status';
import { totpCodeAt, totpStep } from '@/lib/two-step/totp';
import { turnOffTotp } from '@/lib/two-step/turn-off';
import { resetDatabase } from './fixtures/database';
import { SoftAuthenticator } from '../support/soft-authenticator';
import { outboxRows } from './fixtures/auth';
import { insertUser } from './fixtures/users';

const ORIGIN = new URL(process.env.APP_URL!).origin;
const client = { ip: '198.51.100.20', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36' };

async function register(user: typeof users.$inferSelect, authenticator = new SoftAuthenticator(ORIGIN), now = new Date()) {
  const options = await startPasskeyRegistration(user, now);
  const outcome = await addPasskey({ user, response: authenticator.register(options), name: 'Test key', client, now });
  return { authenticator, outcome };
}

async function eventsOf(userId: string | null) {
  const db = await getDb();
  return db
    .select({ reason: loginEvents.reason, success: loginEvents.success, provider: loginEvents.provider })
    .from(loginEvents)
    .where(userId ? eq(loginEvents.userId, userId) : sql`${loginEvents.userId} is null`)
    .orderBy(loginEvents.id);
}

beforeEach(async () => {
  await resetDatabase();
});

describe('adding a passkey', () => {
  it('stores the credential, turns two-step on with recovery codes the first time, and mails the owner', async () => {
    const user = await insertUser({ locale: 'ko' });
    const first = await register(user);
    expect(first.outcome.status).toBe('added');
    expect(first.outcome.status === 'added' && first.outcome.recoveryCodes).toHaveLength(10);
    for (const code of first.outcome.status === 'added' ? first.outcome.recoveryCodes! : []) expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);

    const second = await register(user);
    expect(second.outcome).toEqual({ status: 'added', passkeyId: expect.any(String), recoveryCodes: null });

    const db = await getDb();
    const rows = await db.select().from(passkeys).where(eq(passkeys.userId, user.id)).orderBy(passkeys.createdAt);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ credentialId: first.authenticator.id, counter: 1, transports: ['internal'], deviceType: 'singleDevice', backedUp: false, name: 'Test key', lastUsedAt: null });
    const mails = await outboxRows(user.email!, 'passkey-added');
    expect(mails).toHaveLength(2);
    expect(mails[0]).toMatchObject({ locale: 'ko', props: { passkeyName: 'Test key', browser: 'Chrome 141', os: 'Linux', ip: client.ip } });
    expect(await countPasskeys(db, user.id)).toBe(2);
  });

  it('refuses the same authenticator twice, a used challenge, and a challenge issued to someone else', async () => {
    const user = await insertUser();
    const other = await insertUser();
    const { authenticator } = await register(user);

    const again = await startPasskeyRegistration(user, new Date());
    expect((await addPasskey({ user, response: authenticator.register(again), name: 'Again', client, now: new Date() })).status).toBe('already-registered');

    const options = await startPasskeyRegistration(user, new Date());
    const fresh = new SoftAuthenticator(ORIGIN);
    const response = fresh.register(options);
    expect((await addPasskey({ user: other, response, name: 'Stolen challenge', client, now: new Date() })).status).toBe('invalid');
    // Another person's attempt does not use the challenge up; its own person's first answer counts, a replay does not.
    expect((await addPasskey({ user, response, name: 'Own', client, now: new Date() })).status).toBe('added');
    expect((await addPasskey({ user, response, name: 'Replayed', client, now: new Date() })).status).toBe('invalid');
    expect(await countPasskeys(await getDb(), user.id)).toBe(2);
    expect(await countPasskeys(await getDb(), other.id)).toBe(0);
  });

  it('refuses an answer from another origin', async () => {
    const user = await insertUser();
    const options = await startPasskeyRegistration(user, new Date());
    const phishing = new SoftAuthenticator('https://evil.example');
    expect((await addPasskey({ user, response: phishing.register(options), name: 'Phish', client, now: new Date() })).status).toBe('invalid');
  });
});

describe('challenges', () => {
  it('are stored only as a hash and work once', async () => {
    const user = await insertUser();
    const { authenticator } = await register(user);
    const options = await startPasskeyAssertion({ purpose: 'step_up', userId: user.id }, new Date());
    const db = await getDb();
    const stored = await db.select().from(webauthnChallenges).where(eq(webauthnChallenges.challengeHash, hashToken(options.challenge)));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(await db.select().from(webauthnChallenges))).not.toContain(options.challenge);

    const response = authenticator.assert(options);
    expect((await verifyPasskeyAssertion({ purpose: 'step_up', userId: user.id }, response, new Date())).status).toBe('verified');
    expect(await verifyPasskeyAssertion({ purpose: 'step_up', userId: user.id }, authenticator.assert(options), new Date())).toEqual({ status: 'invalid', ownerId: user.id });
  });

  it('expire after five minutes', async () => {
    const user = await insertUser();
    const { authenticator } = await register(user);
    const issuedAt = new Date();
    const late = await startPasskeyAssertion({ purpose: 'step_up', userId: user.id }, issuedAt);
    const justInTime = await startPasskeyAssertion({ purpose: 'step_up', userId: user.id }, issuedAt);
    const expiry = new Date(issuedAt.getTime() + CHALLENGE_TTL_MS);
    expect((await verifyPasskeyAssertion({ purpose: 'step_up', userId: user.id }, authenticator.assert(late), expiry)).status).toBe('invalid');
    expect((await verifyPasskeyAssertion({ purpose: 'step_up', userId: user.id }, authenticator.assert(justInTime), new Date(expiry.getTime() - 1))).status).toBe('verified');
  });

  it('are bound to their purpose and person', async () => {
    const user = await insertUser();
    const other = await insertUser();
    const { authenticator } = await register(user);
    await register(other);
    const forOther = await startPasskeyAssertion({ purpose: 'step_up', userId: other.id }, new Date());
    expect((await verifyPasskeyAssertion({ purpose: 'step_up', userId: user.id }, authenticator.assert(forOther), new Date())).status).toBe('invalid');
    const signIn = await startPasskeyAssertion({ purpose: 'sign_in' }, new Date());
    expect((await verifyPasskeyAssertion({ purpose: 'second_factor', userId: user.id }, authenticator.assert(signIn), new Date())).status).toBe('invalid');
    // The right challenge, but another person's passkey: refused for a second factor or step-up.
    const forOtherAgain = await startPasskeyAssertion({ purpose: 'second_factor', userId: other.id }, new Date());
    expect((await verifyPasskeyAssertion({ purpose: 'second_factor', userId: other.id }, authenticator.assert(forOtherAgain), new Date())).status).toBe('invalid');
  });

  it('are purged by the retention sweep once used or expired', async () => {
    const user = await insertUser();
    const { authenticator } = await register(user);
    const now = new Date();
    const used = await startPasskeyAssertion({ purpose: 'step_up', userId: user.id }, now);
    await verifyPasskeyAssertion({ purpose: 'step_up', userId: user.id }, authenticator.assert(used), now);
    await startPasskeyAssertion({ purpose: 'sign_in' }, new Date(now.getTime() - CHALLENGE_TTL_MS - 1));
    const live = await startPasskeyAssertion({ purpose: 'sign_in' }, now);
    const result = await runSweep({ now, trigger: 'cli', drainMs: 0 });
    // The registration's challenge, the used one and the expired one.
    expect(result.status !== 'skipped' && result.counts.purgeWebauthnChallenges).toBe(3);
    const left = await (await getDb()).select({ hash: webauthnChallenges.challengeHash }).from(webauthnChallenges);
    expect(left).toEqual([{ hash: hashToken(live.challenge) }]);
  });
});

describe('signature counter', () => {
  it('moves forward with each use and a regression (a cloned authenticator) is refused', async () => {
    const user = await insertUser();
    const { authenticator } = await register(user);
    const target = { purpose: 'step_up' as const, userId: user.id };
    expect((await verifyPasskeyAssertion(target, authenticator.assert(await startPasskeyAssertion(target, new Date())), new Date())).status).toBe('verified');
    const db = await getDb();
    const [afterUse] = await db.select().from(passkeys).where(eq(passkeys.userId, user.id));
    expect(afterUse.counter).toBe(2);
    expect(afterUse.lastUsedAt).not.toBeNull();

    authenticator.counter = 1;
    expect((await verifyPasskeyAssertion(target, authenticator.assert(await startPasskeyAssertion(target, new Date())), new Date())).status).toBe('invalid');
    const [afterClone] = await db.select().from(passkeys).where(eq(passkeys.userId, user.id));
    expect(afterClone.counter).toBe(2);
  });

  it('stays at zero for authenticators that keep none (synced passkeys)', async () => {
    const user = await insertUser();
    const { authenticator } = await register(user, new SoftAuthenticator(ORIGIN, { countsSignatures: false }));
    const target = { purpose: 'step_up' as const, userId: user.id };
    for (let i = 0; i < 2; i += 1) {
      expect((await verifyPasskeyAssertion(target, authenticator.assert(await startPasskeyAssertion(target, new Date())), new Date())).status).toBe('verified');
    }
  });
});

describe('passwordless sign-in', () => {
  it('signs in an active account, records last_login_at and a passkey_ok event', async () => {
    const user = await insertUser();
    const { authenticator } = await register(user);
    const now = new Date();
    const outcome = await signInWithPasskey({ response: authenticator.assert(await startPasskeyAssertion({ purpose: 'sign_in' }, now)), client, now });
    expect(outcome).toEqual({ status: 'ok', userId: user.id, mustChangePassword: false });
    const [row] = await (await getDb()).select({ lastLoginAt: users.lastLoginAt }).from(users).where(eq(users.id, user.id));
    expect(row.lastLoginAt?.getTime()).toBe(now.getTime());
    expect(await eventsOf(user.id)).toEqual([{ reason: 'passkey_ok', success: true, provider: 'passkey' }]);
  });

  it('needs user verification', async () => {
    const user = await insertUser();
    const { authenticator } = await register(user, new SoftAuthenticator(ORIGIN, { userVerified: false }));
    const outcome = await signInWithPasskey({ response: authenticator.assert(await startPasskeyAssertion({ purpose: 'sign_in' }, new Date())), client, now: new Date() });
    expect(outcome).toEqual({ status: 'invalid' });
    expect(await eventsOf(user.id)).toEqual([{ reason: 'passkey_failed', success: false, provider: 'passkey' }]);
  });

  it('answers an unknown passkey exactly as a bad signature: no account is named', async () => {
    const user = await insertUser();
    const { authenticator } = await register(user);
    const options = await startPasskeyAssertion({ purpose: 'sign_in' }, new Date());
    expect(options.allowCredentials ?? []).toEqual([]);
    const unknown = await signInWithPasskey({ response: new SoftAuthenticator(ORIGIN).assert(options), client, now: new Date() });
    const forged = authenticator.assert(await startPasskeyAssertion({ purpose: 'sign_in' }, new Date()));
    forged.response.signature = Buffer.from('not a signature').toString('base64url');
    const bad = await signInWithPasskey({ response: forged, client, now: new Date() });
    expect(unknown).toEqual({ status: 'invalid' });
    expect(bad).toEqual(unknown);
    expect(await eventsOf(null)).toEqual([{ reason: 'passkey_failed', success: false, provider: 'passkey' }]);
    expect(await eventsOf(user.id)).toEqual([{ reason: 'passkey_failed', success: false, provider: 'passkey' }]);
  });

  it('offers a withdrawn account its restore and a dormant one a reactivation code, as a password does', async () => {
    const withdrawn = await insertUser();
    const dormant = await insertUser();
    const { authenticator: withdrawnKey } = await register(withdrawn);
    const { authenticator: dormantKey } = await register(dormant);
    const db = await getDb();
    await db.update(users).set({ status: 'withdrawn', withdrawnAt: new Date() }).where(eq(users.id, withdrawn.id));
    await db.execute(sql`insert into dormant_accounts (user_id, email, name, password_hash) values (${dormant.id}, ${dormant.email}, ${dormant.name}, ${dormant.passwordHash})`);
    await db.update(users).set({ status: 'dormant', dormantAt: new Date(), email: null, name: null, passwordHash: null }).where(eq(users.id, dormant.id));

    const restore = await signInWithPasskey({ response: withdrawnKey.assert(await startPasskeyAssertion({ purpose: 'sign_in' }, new Date())), client, now: new Date() });
    expect(restore).toEqual({ status: 'withdrawn', userId: withdrawn.id, restoreTicket: expect.any(String) });
    const reactivation = await signInWithPasskey({ response: dormantKey.assert(await startPasskeyAssertion({ purpose: 'sign_in' }, new Date())), client, now: new Date() });
    expect(reactivation).toEqual({ status: 'dormant', userId: dormant.id, reactivationTicket: expect.any(String) });
    expect(await outboxRows(dormant.email!, 'reactivation-code')).toHaveLength(1);
    // Dormancy keeps the passkeys.
    expect(await countPasskeys(db, dormant.id)).toBe(1);
    expect((await eventsOf(dormant.id)).map((event) => event.reason)).toEqual(['dormant']);
  });

  it('is refused for a locked account like a password', async () => {
    const user = await insertUser();
    const { authenticator } = await register(user);
    await (await getDb()).update(users).set({ lockedUntil: new Date(Date.now() + 60_000) }).where(eq(users.id, user.id));
    expect(await signInWithPasskey({ response: authenticator.assert(await startPasskeyAssertion({ purpose: 'sign_in' }, new Date())), client, now: new Date() })).toEqual({ status: 'invalid' });
    expect(await eventsOf(user.id)).toEqual([{ reason: 'locked', success: false, provider: 'passkey' }]);
  });
});

describe('removing passkeys', () => {
  it('removes one of two without a passkey, and the last only with one of its own', async () => {
    const user = await insertUser();
    const { authenticator: first } = await register(user);
    await register(user);
    const db = await getDb();
    const [a, b] = await db.select({ id: passkeys.id, credentialId: passkeys.credentialId }).from(passkeys).where(eq(passkeys.userId, user.id)).orderBy(passkeys.createdAt);
    const other = await insertUser();
    expect(await removePasskey({ userId: other.id, passkeyId: a.id, assertion: null, now: new Date() })).toEqual({ status: 'not-found' });
    expect(await removePasskey({ userId: user.id, passkeyId: b.id, assertion: null, now: new Date() })).toEqual({ status: 'removed', twoStepOff: false });

    expect(await removePasskey({ userId: user.id, passkeyId: a.id, assertion: null, now: new Date() })).toEqual({ status: 'passkey-required' });
    const target = { purpose: 'step_up' as const, userId: user.id };
    const stale = first.assert(await startPasskeyAssertion(target, new Date()));
    stale.response.signature = Buffer.from('forged').toString('base64url');
    expect(await removePasskey({ userId: user.id, passkeyId: a.id, assertion: stale, now: new Date() })).toEqual({ status: 'passkey-invalid' });
    expect(await countPasskeys(db, user.id)).toBe(1);
    const proof = first.assert(await startPasskeyAssertion(target, new Date()));
    expect(await removePasskey({ userId: user.id, passkeyId: a.id, assertion: proof, now: new Date() })).toEqual({ status: 'removed', twoStepOff: true });
    expect(await countPasskeys(db, user.id)).toBe(0);
  });

  it('the last factor going, by whichever door, turns two-step off with its mail and voids the recovery codes', async () => {
    // The last passkey of an account without an app: the same mail as turning the app off.
    const user = await insertUser();
    const { authenticator, outcome } = await register(user);
    if (outcome.status !== 'added' || !outcome.recoveryCodes) throw new Error('no passkey');
    const db = await getDb();
    const [only] = await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, user.id));
    const proof = authenticator.assert(await startPasskeyAssertion({ purpose: 'step_up', userId: user.id }, new Date()));
    expect(await removePasskey({ userId: user.id, passkeyId: only.id, assertion: proof, now: new Date() })).toEqual({ status: 'removed', twoStepOff: true });
    expect(await twoStepStatus(db, user.id)).toEqual({ on: false, totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    expect(await redeemRecoveryCode(db, user.id, outcome.recoveryCodes[0], new Date())).toEqual({ status: 'invalid' });
    const [mail] = await outboxRows(user.email!, 'two-step-off');
    expect(mail.props.by).toBe('you');

    // App and passkey: the app turned off with the passkey leaves two-step on, unmailed; the
    // passkey, now the last factor, goes only with a passkey check, and then two-step is off.
    const both = await insertUser();
    const now = new Date();
    const setup = await startTotpSetup(both.id, now);
    if (setup.status !== 'pending') throw new Error('no set-up');
    await confirmTotpSetup(both.id, totpCodeAt(setup.secret, totpStep(now)), now);
    const { authenticator: key } = await register(both);
    const stepUp = { purpose: 'step_up' as const, userId: both.id };
    expect(await turnOffTotp({ userId: both.id, proof: { kind: 'passkey', assertion: key.assert(await startPasskeyAssertion(stepUp, now)) }, now })).toEqual({ status: 'off', twoStepOff: false });
    expect(await outboxRows(both.email!, 'two-step-off')).toHaveLength(0);
    expect((await twoStepStatus(db, both.id)).recoveryCodesLeft).toBe(10);
    const [last] = await db.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, both.id));
    expect(await removePasskey({ userId: both.id, passkeyId: last.id, assertion: null, now })).toEqual({ status: 'passkey-required' });
    expect(await removePasskey({ userId: both.id, passkeyId: last.id, assertion: key.assert(await startPasskeyAssertion(stepUp, now)), now })).toEqual({ status: 'removed', twoStepOff: true });
    expect(await twoStepStatus(db, both.id)).toEqual({ on: false, totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    expect(await outboxRows(both.email!, 'two-step-off')).toHaveLength(1);
  });

  it('go with the account (cascade) and with an admin reset; the data download lists them without key material', async () => {
    const user = await insertUser();
    const { authenticator } = await register(user);
    const chunks: string[] = [];
    const reader = streamDataExport(user.id, new Date()).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(new TextDecoder().decode(read.value));
    const exported = JSON.parse(chunks.join('')) as { passkeys: unknown[] };
    expect(exported.passkeys).toEqual([{ name: 'Test key', addedAt: expect.any(String), lastUsedAt: null }]);
    expect(chunks.join('')).not.toContain(authenticator.id);

    const db = await getDb();
    const other = await insertUser();
    await register(other);
    await deletePasskeys(db, other.id);
    expect(await countPasskeys(db, other.id)).toBe(0);
    await db.delete(users).where(eq(users.id, user.id));
    expect(await queryRows(db, sql`select id from passkeys where user_id = ${user.id}`)).toEqual([]);
  });
});

describe('passwordless sign-in options', () => {
  it('are limited per client IP to PASSKEY_SIGN_IN_OPTIONS_PER_IP_PER_MINUTE, addresses apart, unknown ones sharing one count', async () => {
    const db = await getDb();
    const limit = config.PASSKEY_SIGN_IN_OPTIONS_PER_IP_PER_MINUTE;
    const now = new Date('2031-06-01T00:00:00Z');
    const challenges = async () => (await db.select({ id: webauthnChallenges.id }).from(webauthnChallenges)).length;
    for (let i = 0; i < limit; i++) expect((await startPasskeySignIn({ ip: '198.51.100.7', now: new Date(now.getTime() + i) })).status).toBe('ok');
    const refused = await startPasskeySignIn({ ip: '198.51.100.7', now: new Date(now.getTime() + limit) });
    // Free again when the first counted request leaves the minute; a refusal stores no challenge.
    expect(refused).toEqual({ status: 'rate-limited', retryAt: new Date(now.getTime() + 60_000) });
    expect(await challenges()).toBe(limit);
    expect((await startPasskeySignIn({ ip: '198.51.100.8', now })).status).toBe('ok');
    expect((await startPasskeySignIn({ ip: '198.51.100.7', now: new Date(now.getTime() + 60_000) })).status).toBe('ok');

    for (let i = 0; i < limit; i++) expect((await startPasskeySignIn({ ip: null, now })).status).toBe('ok');
    expect((await startPasskeySignIn({ ip: null, now })).status).toBe('rate-limited');
    expect(await challenges()).toBe(2 * limit + 2);
  });
});
