import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db';
import { authTokens, dormantAccounts, users } from '@/db/schema';
import { resendVerificationLink, verifyEmail } from '@/lib/auth/email-verification';
import { attemptLogin } from '@/lib/auth/login';
import { recordLoginEvent } from '@/lib/auth/login-events';
import { sendPasswordResetLink, resetPasswordWithToken } from '@/lib/auth/password-reset';
import { consumeRestoreTicket, readRestoreTicket } from '@/lib/auth/restore-ticket';
import { signUp } from '@/lib/auth/sign-up';
import { hashToken } from '@/lib/auth/tokens';
import { resetDatabase } from './fixtures/database';
import { loginEventsFor, outboxRows } from './fixtures/auth';
import { insertUser, PASSWORD } from './fixtures/users';

const MINUTE = 60_000;
const tokenOf = (url: string) => new URL(url).searchParams.get('token')!;

async function userByEmail(email: string) {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

describe('sign up and verification', () => {
  beforeEach(resetDatabase);

  it('creates an unverified account whose single-use link verifies it, storing only the hash', async () => {
    const now = new Date('2030-03-01T00:00:00Z');
    const outcome = await signUp({ name: 'Ji-woo', email: 'jiwoo@example.com', password: 'tangerine-oxbow-47', locale: 'ko', now });
    expect(outcome.status).toBe('created');
    const user = await userByEmail('jiwoo@example.com');
    expect([user.emailVerifiedAt, user.locale, user.passwordHash?.startsWith('$argon2id$')]).toEqual([null, 'ko', true]);

    const [mail] = await outboxRows('jiwoo@example.com', 'verify-email');
    expect(mail.locale).toBe('ko');
    const token = tokenOf(mail.props.verifyUrl);
    expect(mail.props.expiresAt).toBe(new Date(now.getTime() + 24 * 60 * MINUTE).toISOString());
    const db = await getDb();
    const stored = await db.select().from(authTokens).where(eq(authTokens.userId, user.id));
    expect(stored.map((row) => [row.purpose, row.tokenHash])).toEqual([['verify_email', hashToken(token)]]);

    expect(await attemptLogin({ email: 'jiwoo@example.com', password: 'tangerine-oxbow-47', ip: null, userAgent: null, now })).toEqual({ status: 'unverified' });
    expect(await verifyEmail(token, new Date(now.getTime() + MINUTE))).toEqual({ status: 'verified' });
    expect((await userByEmail('jiwoo@example.com')).emailVerifiedAt).not.toBeNull();
    expect(await verifyEmail(token, new Date(now.getTime() + 2 * MINUTE))).toEqual({ status: 'already-verified' });
    expect((await loginEventsFor('jiwoo@example.com')).map((event) => event.reason)).toEqual(['unverified']);
  });

  it('refuses expired and tampered links without changing anything', async () => {
    const now = new Date('2030-03-01T00:00:00Z');
    await signUp({ name: 'A', email: 'late@example.com', password: 'tangerine-oxbow-47', locale: 'en', now });
    const token = tokenOf((await outboxRows('late@example.com', 'verify-email'))[0].props.verifyUrl);
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await verifyEmail(tampered, now)).toEqual({ status: 'invalid' });
    expect(await verifyEmail('', now)).toEqual({ status: 'invalid' });
    expect(await verifyEmail(token, new Date(now.getTime() + 24 * 60 * MINUTE))).toEqual({ status: 'invalid' });
    expect((await userByEmail('late@example.com')).emailVerifiedAt).toBeNull();
    const db = await getDb();
    const [row] = await db.select().from(authTokens).where(eq(authTokens.tokenHash, hashToken(token)));
    expect(row.usedAt).toBeNull();
  });

  it('answers a taken address (live or dormant) the same way and mails its owner instead', async () => {
    const now = new Date('2030-03-01T00:00:00Z');
    const owner = await insertUser({ email: 'taken@example.com', locale: 'ko' });
    expect(await signUp({ name: 'B', email: 'taken@example.com', password: 'tangerine-oxbow-47', locale: 'en', now })).toEqual({ status: 'address-taken' });
    expect((await userByEmail('taken@example.com')).id).toBe(owner.id);
    const mails = await outboxRows('taken@example.com');
    expect(mails.map((mail) => [mail.template, mail.locale])).toEqual([['signup-attempt', 'ko']]);

    const dormant = await insertUser({ email: null, status: 'dormant' });
    const db = await getDb();
    await db.insert(dormantAccounts).values({ userId: dormant.id, email: 'sleeping@example.com', name: 'C' });
    expect(await signUp({ name: 'D', email: 'sleeping@example.com', password: 'tangerine-oxbow-47', locale: 'en', now })).toEqual({ status: 'address-taken' });
    expect((await outboxRows('sleeping@example.com')).map((mail) => mail.template)).toEqual(['signup-attempt']);
    const [{ count }] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from users`);
    expect(count).toBe(2);
  });

  it('resends only to unverified accounts, at most once a minute and five times a day, replacing older links', async () => {
    const start = new Date('2030-03-01T00:00:00Z');
    await signUp({ name: 'E', email: 'again@example.com', password: 'tangerine-oxbow-47', locale: 'en', now: start });
    await insertUser({ email: 'verified@example.com' });
    expect(await resendVerificationLink('verified@example.com', start)).toEqual({ status: 'not-sent' });
    expect(await resendVerificationLink('nobody@example.com', start)).toEqual({ status: 'not-sent' });
    expect(await resendVerificationLink('again@example.com', new Date(start.getTime() + 30_000))).toEqual({ status: 'not-sent' });

    const results = [];
    for (let minute = 1; minute <= 6; minute++) results.push((await resendVerificationLink('again@example.com', new Date(start.getTime() + minute * 2 * MINUTE))).status);
    expect(results).toEqual(['sent', 'sent', 'sent', 'sent', 'not-sent', 'not-sent']);
    expect((await resendVerificationLink('again@example.com', new Date(start.getTime() + 24 * 60 * MINUTE + 1))).status).toBe('sent');

    const mails = await outboxRows('again@example.com', 'verify-email');
    expect(mails).toHaveLength(6);
    const now = new Date(start.getTime() + 24 * 60 * MINUTE + 2);
    expect(await verifyEmail(tokenOf(mails[4].props.verifyUrl), now)).toEqual({ status: 'invalid' });
    expect(await verifyEmail(tokenOf(mails[5].props.verifyUrl), now)).toEqual({ status: 'verified' });
  });
});

describe('password reset', () => {
  beforeEach(resetDatabase);

  it('sets a new password once, ends other sessions, verifies the address and tells the owner', async () => {
    const now = new Date('2030-04-01T00:00:00Z');
    const user = await insertUser({ email: 'forgot@example.com', verified: false });
    const db = await getDb();
    await db.update(users).set({ passwordExpired: true, failedLoginCount: 4 }).where(eq(users.id, user.id));
    expect(await sendPasswordResetLink('forgot@example.com', now)).toEqual({ status: 'sent' });
    expect(await sendPasswordResetLink('forgot@example.com', now)).toEqual({ status: 'not-sent' });
    expect(await sendPasswordResetLink('nobody@example.com', now)).toEqual({ status: 'not-sent' });
    const token = tokenOf((await outboxRows('forgot@example.com', 'reset-password'))[0].props.resetUrl);

    expect(await resetPasswordWithToken(token, 'forgot@example.com', now)).toEqual({ status: 'password-is-email' });
    expect(await resetPasswordWithToken(token, 'a brand new secret', now)).toEqual({ status: 'reset' });
    expect(await resetPasswordWithToken(token, 'another new secret', now)).toEqual({ status: 'invalid' });

    const after = await userByEmail('forgot@example.com');
    expect(after.sessionVersion).toBe(user.sessionVersion + 1);
    expect([after.passwordExpired, after.failedLoginCount, after.passwordChangedAt?.toISOString()]).toEqual([false, 0, now.toISOString()]);
    expect(after.emailVerifiedAt).not.toBeNull();
    expect((await outboxRows('forgot@example.com', 'password-changed')).length).toBe(1);
    expect(await attemptLogin({ email: 'forgot@example.com', password: PASSWORD, ip: null, userAgent: null, now })).toEqual({ status: 'invalid' });
    expect(await attemptLogin({ email: 'forgot@example.com', password: 'a brand new secret', ip: null, userAgent: null, now })).toEqual({
      status: 'ok',
      userId: user.id,
      mustChangePassword: false,
      twoStepOn: false,
    });
  });

  it('refuses a link after RESET_PASSWORD_TTL_MINUTES', async () => {
    const now = new Date('2030-04-01T00:00:00Z');
    await insertUser({ email: 'slow@example.com' });
    await sendPasswordResetLink('slow@example.com', now);
    const token = tokenOf((await outboxRows('slow@example.com', 'reset-password'))[0].props.resetUrl);
    expect(await resetPasswordWithToken(token, 'a brand new secret', new Date(now.getTime() + 60 * MINUTE))).toEqual({ status: 'invalid' });
  });
});

describe('login outcomes', () => {
  beforeEach(resetDatabase);

  it('lets an expired password in only to change it', async () => {
    const user = await insertUser();
    const db = await getDb();
    await db.update(users).set({ passwordExpired: true }).where(eq(users.id, user.id));
    const now = new Date();
    expect(await attemptLogin({ email: user.email!, password: PASSWORD, ip: null, userAgent: null, now })).toEqual({
      status: 'ok',
      userId: user.id,
      mustChangePassword: true,
      twoStepOn: false,
    });
  });

  it('never lets a withdrawn account in; it gets a one-time restore ticket instead', async () => {
    const now = new Date('2030-05-01T00:00:00Z');
    const user = await insertUser({ email: 'gone@example.com', status: 'withdrawn', withdrawnAt: new Date(now.getTime() - 24 * 60 * MINUTE) });
    const outcome = await attemptLogin({ email: 'gone@example.com', password: PASSWORD, ip: '192.0.2.50', userAgent: 'ua', now });
    expect(outcome.status).toBe('withdrawn');
    if (outcome.status !== 'withdrawn') return;
    expect(await readRestoreTicket(outcome.restoreTicket, now)).toEqual({ userId: user.id });
    expect(await readRestoreTicket(outcome.restoreTicket, new Date(now.getTime() + 15 * MINUTE))).toBeNull();
    const db = await getDb();
    expect(await consumeRestoreTicket(db, outcome.restoreTicket, now)).toEqual({ userId: user.id });
    expect(await consumeRestoreTicket(db, outcome.restoreTicket, now)).toBeNull();
    expect(await attemptLogin({ email: 'gone@example.com', password: 'wrong', ip: null, userAgent: null, now })).toEqual({ status: 'invalid' });
    expect((await loginEventsFor('gone@example.com')).map((event) => [event.reason, event.success, event.user_id])).toEqual([
      ['withdrawn', false, user.id],
      ['wrong_password', false, user.id],
    ]);
  });

  it('logs unknown addresses and wrong passwords of dormant accounts with what is known', async () => {
    const now = new Date('2030-05-01T00:00:00Z');
    const dormant = await insertUser({ email: null, status: 'dormant' });
    const db = await getDb();
    await db.insert(dormantAccounts).values({ userId: dormant.id, email: 'asleep@example.com' });
    expect(await attemptLogin({ email: 'asleep@example.com', password: 'not it', ip: '192.0.2.51', userAgent: 'x'.repeat(600), now })).toEqual({ status: 'invalid' });
    expect(await attemptLogin({ email: 'ghost@example.com', password: 'not it', ip: '192.0.2.51', userAgent: 'ua', now })).toEqual({ status: 'invalid' });
    const [asleep] = await loginEventsFor('asleep@example.com');
    expect([asleep.reason, asleep.user_id, asleep.ip, asleep.user_agent?.length]).toEqual(['wrong_password', dormant.id, '192.0.2.51', 512]);
    const [ghost] = await loginEventsFor('ghost@example.com');
    expect([ghost.reason, ghost.user_id, ghost.success]).toEqual(['unknown_email', null, false]);
  });
});

describe('login log', () => {
  beforeEach(resetDatabase);

  it('records refused input too, NUL bytes and all', async () => {
    const db = await getDb();
    await recordLoginEvent(db, { userId: null, email: 'a\0b@Example.com', ip: '10.0.0.1', userAgent: 'probe\0agent', reason: 'invalid_input', now: new Date() });
    expect(await loginEventsFor('a\uFFFDb@example.com')).toEqual([
      { reason: 'invalid_input', success: false, user_id: null, ip: '10.0.0.1', user_agent: 'probe\uFFFDagent' },
    ]);
  });
});
