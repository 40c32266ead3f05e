import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { dormantAccounts, users, type User } from '@/db/schema';
import { isWithinWithdrawalGrace } from '@/lib/account/deletion-date';
import { config } from '@/lib/config';
import type { Defer } from '@/lib/http/after-response';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { checkDormantCredentials, startReactivation, type ReactivationLimit } from '@/lib/retention/reactivation';
import { twoStepOnColumn } from '@/lib/two-step/status';
import { isIpRateLimited } from './ip-rate-limit';
import { clearFailures, countFailedPassword, isLocked, type FailureResult } from './lockout';
import { recordLoginEvent, type LoginReason } from './login-events';
import { mustChangePassword } from './password-expiry';
import { verifyPassword } from './password-hash';
import { issueRestoreTicket } from './restore-ticket';

export type LoginAttempt = { email: string; password: string; ip: string | null; userAgent: string | null; now: Date };

export type LoginOutcome =
  /** twoStepOn: the account asks for a second factor before a session opens (known here already). */
  | { status: 'ok'; userId: string; mustChangePassword: boolean; twoStepOn: boolean }
  | { status: 'invalid' }
  | { status: 'unverified' }
  | { status: 'withdrawn'; userId: string; restoreTicket: string }
  | { status: 'dormant'; userId: string; reactivationTicket: string }
  /** A dormant account past its daily reactivation limits: no new code was sent. */
  | { status: 'reactivation-limited'; userId: string; limit: ReactivationLimit };

export type LoginOptions = {
  /**
   * Runs the work the answer does not depend on (counting a wrong password, the login log); the
   * server action passes next/server's after(), so a known address answers as fast as an unknown one.
   */
  defer?: Defer;
};

type Decision = {
  outcome: LoginOutcome;
  reason: LoginReason;
  userId: string | null;
  /** A wrong password to count against this account (which may lock it); the logged reason follows from it. */
  wrongPasswordFor?: { userId: string; owner: Pick<User, 'email' | 'name' | 'locale' | 'timeZone'> | null };
};

/**
 * Decides whether a password login may proceed and logs the attempt. Every failure the person may
 * not tell apart (unknown address, wrong password, locked account, rate-limited IP) is `invalid`,
 * and each of them runs one Argon2 verification so the answer takes as long as any other.
 */
export async function attemptLogin(attempt: LoginAttempt, options: LoginOptions = {}): Promise<LoginOutcome> {
  const db = await getDb();
  const decision = await decide(db, attempt);
  const wrongPassword = decision.wrongPasswordFor;
  if (wrongPassword) {
    const countAndLog = async () => {
      let reason: LoginReason = 'wrong_password';
      try {
        const failure = await countWrongPassword(db, wrongPassword.userId, wrongPassword.owner, attempt.now);
        if (failure.status === 'already-locked') reason = 'locked';
      } catch (error) {
        console.error('login: could not count a wrong password', error);
      }
      await logAttempt(db, attempt, reason, wrongPassword.userId, {});
    };
    if (options.defer) options.defer(countAndLog);
    else await countAndLog();
  } else {
    await logAttempt(db, attempt, decision.reason, decision.userId, options);
  }
  return decision.outcome;
}

/** Logs a login form that did not even parse (no password check was made). */
export async function recordInvalidLoginInput(
  attempt: { email: string | null; ip: string | null; userAgent: string | null; now: Date },
  options: LoginOptions = {},
): Promise<void> {
  await logAttempt(await getDb(), attempt, 'invalid_input', null, options);
}

async function logAttempt(
  db: Database,
  attempt: { email: string | null; ip: string | null; userAgent: string | null; now: Date },
  reason: LoginReason,
  userId: string | null,
  options: LoginOptions,
): Promise<void> {
  // The log must never fail or slow the login itself.
  const write = () =>
    recordLoginEvent(db, { userId, email: attempt.email, ip: attempt.ip, userAgent: attempt.userAgent, reason, now: attempt.now }).catch((error: unknown) => {
      console.error('login log: could not record an attempt', error);
    });
  if (options.defer) options.defer(write);
  else await write();
}

const invalid: LoginOutcome = { status: 'invalid' };

async function decide(db: Database, attempt: LoginAttempt): Promise<Decision> {
  const { email, password, now } = attempt;
  // Whether two-step is on comes with the account, in the same statement: a sign-in that gets
  // that far asks anyway, and an unknown address evaluates nothing.
  const [found] = await db.select({ user: users, twoStepOn: twoStepOnColumn(db) }).from(users).where(eq(users.email, email));
  const user = found?.user;

  if (await isIpRateLimited(db, attempt.ip, now)) {
    await verifyPassword(user?.passwordHash, password);
    return { outcome: invalid, reason: 'rate_limited', userId: user?.id ?? null };
  }
  if (!user) return decideDormant(db, attempt);
  if (isLocked(user, now)) {
    await verifyPassword(user.passwordHash, password);
    return { outcome: invalid, reason: 'locked', userId: user.id };
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    return { outcome: invalid, reason: 'wrong_password', userId: user.id, wrongPasswordFor: { userId: user.id, owner: user } };
  }
  if (user.status === 'withdrawn') {
    // Past its grace period the account is only waiting for the sweep to delete it.
    if (!isWithinWithdrawalGrace(user.withdrawnAt, now)) return { outcome: invalid, reason: 'withdrawn', userId: user.id };
    const restoreTicket = await issueRestoreTicket(db, user.id, now);
    return { outcome: { status: 'withdrawn', userId: user.id, restoreTicket }, reason: 'withdrawn', userId: user.id };
  }
  if (user.status === 'dormant') return { outcome: await dormantOutcome(user.id, now), reason: 'dormant', userId: user.id };
  if (!user.emailVerifiedAt) return { outcome: { status: 'unverified' }, reason: 'unverified', userId: user.id };
  // With two-step on the lockout count is reset only once the second factor is given too, so
  // wrong codes add up across tickets (lib/two-step/login-ticket.ts).
  if (found.twoStepOn) {
    return { outcome: { status: 'ok', userId: user.id, mustChangePassword: mustChangePassword(user), twoStepOn: true }, reason: 'two_step_required', userId: user.id };
  }
  await clearFailures(db, user.id, now);
  return { outcome: { status: 'ok', userId: user.id, mustChangePassword: mustChangePassword(user), twoStepOn: false }, reason: 'ok', userId: user.id };
}

/** No live account has this address: it may belong to a dormant one (kept apart by the retention sweep). */
async function decideDormant(db: Database, attempt: LoginAttempt): Promise<Decision> {
  const { email, password, now } = attempt;
  const [dormant] = await db
    .select({ userId: dormantAccounts.userId, lockedUntil: users.lockedUntil })
    .from(dormantAccounts)
    .innerJoin(users, eq(users.id, dormantAccounts.userId))
    .where(eq(dormantAccounts.email, email));
  if (!dormant) {
    await verifyPassword(null, password);
    return { outcome: invalid, reason: 'unknown_email', userId: null };
  }
  if (isLocked(dormant, now)) {
    await verifyPassword(null, password);
    return { outcome: invalid, reason: 'locked', userId: dormant.userId };
  }
  const match = await checkDormantCredentials(email, password);
  if (!match) {
    return { outcome: invalid, reason: 'wrong_password', userId: dormant.userId, wrongPasswordFor: { userId: dormant.userId, owner: null } };
  }
  return { outcome: await dormantOutcome(match.userId, now), reason: 'dormant', userId: match.userId };
}

async function dormantOutcome(userId: string, now: Date): Promise<LoginOutcome> {
  const reactivation = await startReactivation({ userId, now });
  return reactivation.status === 'sent'
    ? { status: 'dormant', userId, reactivationTicket: reactivation.ticket }
    : { status: 'reactivation-limited', userId, limit: reactivation.limit };
}

/**
 * A wrong second-step code counts like a wrong password: the same lockout, the same mail when it
 * locks the account.
 */
export async function countWrongSecondFactor(userId: string, now: Date): Promise<FailureResult> {
  const db = await getDb();
  const [owner] = await db.select({ email: users.email, name: users.name, locale: users.locale, timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
  return countWrongPassword(db, userId, owner ?? null, now);
}

/** Counts the failure and, when it locks the account, tells the owner once for that lock. */
async function countWrongPassword(db: Database, userId: string, owner: Pick<User, 'email' | 'name' | 'locale' | 'timeZone'> | null, now: Date): Promise<FailureResult> {
  const result = await db.transaction(async (tx) => {
    const failure = await countFailedPassword(tx, userId, now);
    if (failure.status === 'locked-now' && owner?.email) {
      await enqueueMail(tx, {
        to: owner.email,
        template: 'sign-in-blocked',
        props: { name: owner.name, lockedUntil: failure.lockedUntil.toISOString(), resetUrl: `${config.APP_URL}/forgot-password` },
        locale: owner.locale ?? config.DEFAULT_LOCALE,
        timeZone: owner.timeZone,
        dedupeKey: `sign-in-blocked/${userId}/${failure.lockedUntil.toISOString()}`,
      });
    }
    return failure;
  });
  if (result.status === 'locked-now') deliverSoon();
  return result;
}
