import 'server-only';
import { and, eq, gt, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { authTokens, users } from '@/db/schema';
import { clearFailures } from '@/lib/auth/lockout';
import { countWrongSecondFactor } from '@/lib/auth/login';
import { recordLoginEvent, type LoginReason } from '@/lib/auth/login-events';
import { ticketMethods, type TicketMethod } from '@/lib/auth/login-ticket';
import { openSession } from '@/lib/auth/open-session';
import { isSocialProviderId } from '@/lib/auth/providers';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { getClientInfo } from '@/lib/http/client-info';

// The step between a correct password (or provider, restore, reactivation) and a session, for an
// account with two-step on. The browser holds a single-use ticket in an httpOnly cookie scoped to
// /login/two-step; the database holds its hash, the attempts, where to go afterwards and how the
// sign-in began. TWO_STEP_TICKET_MINUTES to finish, TWO_STEP_MAX_ATTEMPTS wrong codes end it, and
// each wrong code also counts towards the account lockout (LOCKOUT_*), like a wrong password.

export const TWO_STEP_COOKIE = 'two_step';
const COOKIE_PATH = '/login/two-step';

export type SecondFactor = 'totp' | 'recovery_code' | 'passkey';

const successReasons: Record<SecondFactor, LoginReason> = { totp: 'two_step_ok', recovery_code: 'recovery_code_used', passkey: 'passkey_ok' };

type PendingTicket = { tokenHash: string; userId: string; email: string | null; method: TicketMethod; redirectTo: string };

/** Issues the ticket and puts it in this browser; the caller then redirects to /login/two-step. */
export async function startPendingTwoStep(userId: string, redirectTo: string, method: TicketMethod, now: Date): Promise<void> {
  const ticket = `${method}.${generateToken()}`;
  const ttlMs = config.TWO_STEP_TICKET_MINUTES * 60_000;
  const db = await getDb();
  await db.insert(authTokens).values({ userId, purpose: 'two_step', tokenHash: hashToken(ticket), redirectTo, expiresAt: new Date(now.getTime() + ttlMs), createdAt: now });
  (await cookies()).set(TWO_STEP_COOKIE, ticket, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.APP_URL.startsWith('https:'),
    path: COOKIE_PATH,
    maxAge: ttlMs / 1000,
  });
}

async function findPendingTicket(now: Date): Promise<PendingTicket | null> {
  const ticket = (await cookies()).get(TWO_STEP_COOKIE)?.value ?? '';
  const method = ticketMethods.find((candidate) => ticket.startsWith(`${candidate}.`));
  if (!method || ticket.length > 300) return null;
  const tokenHash = hashToken(ticket);
  const db = await getDb();
  const [row] = await db
    .select({ userId: authTokens.userId, redirectTo: authTokens.redirectTo, email: users.email })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(
      and(
        eq(authTokens.tokenHash, tokenHash),
        eq(authTokens.purpose, 'two_step'),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
        lt(authTokens.attempts, config.TWO_STEP_MAX_ATTEMPTS),
        // A lock (wrong codes count towards it) ends the step as it would refuse a password.
        or(isNull(users.lockedUntil), lte(users.lockedUntil, now)),
      ),
    );
  return row ? { tokenHash, userId: row.userId, email: row.email, method, redirectTo: row.redirectTo ?? '/account' } : null;
}

async function clearTicketCookie(): Promise<void> {
  (await cookies()).set(TWO_STEP_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: config.APP_URL.startsWith('https:'), path: COOKIE_PATH, maxAge: 0 });
}

/** The account waiting for its second factor in this browser, or null. Reads only. */
export async function readPendingTwoStep(): Promise<{ userId: string } | null> {
  const pending = await findPendingTicket(new Date());
  return pending ? { userId: pending.userId } : null;
}

/**
 * The second factor was given: uses the ticket up, resets the lockout count, logs the sign-in and
 * opens the session (redirecting where the sign-in was headed). A ticket that ended meanwhile sends
 * the person back to /login.
 */
export async function completePendingTwoStep(factor: SecondFactor): Promise<never> {
  const now = new Date();
  const pending = await findPendingTicket(now);
  const client = await getClientInfo();
  const db = await getDb();
  const done =
    pending &&
    (await db.transaction(async (tx) => {
      const [used] = await tx
        .update(authTokens)
        .set({ usedAt: now })
        .where(and(eq(authTokens.tokenHash, pending.tokenHash), eq(authTokens.purpose, 'two_step'), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
        .returning({ id: authTokens.id });
      if (!used) return false;
      await clearFailures(tx, pending.userId, now);
      await recordLoginEvent(tx, {
        userId: pending.userId,
        email: pending.email,
        ...client,
        reason: successReasons[factor],
        success: true,
        provider: isSocialProviderId(pending.method) ? pending.method : 'credentials',
        now,
      });
      return true;
    }));
  await clearTicketCookie();
  if (!pending || !done) redirect('/login?twoStep=ended');
  return openSession(pending.userId, pending.redirectTo, pending.method);
}

/**
 * A wrong code (or a refused passkey): logged, counted on the ticket and towards the account
 * lockout. 'ended' when that was the last try, the lock closed, or there was no ticket.
 */
export async function failPendingTwoStep(reason: 'two_step_failed' | 'passkey_failed'): Promise<'again' | 'ended'> {
  const now = new Date();
  const pending = await findPendingTicket(now);
  if (!pending) {
    await clearTicketCookie();
    return 'ended';
  }
  const client = await getClientInfo();
  const db = await getDb();
  const max = config.TWO_STEP_MAX_ATTEMPTS;
  const [counted] = await db
    .update(authTokens)
    .set({ attempts: sql`${authTokens.attempts} + 1`, usedAt: sql`case when ${authTokens.attempts} + 1 >= ${max}::int then ${now.toISOString()}::timestamptz else null end` })
    .where(and(eq(authTokens.tokenHash, pending.tokenHash), isNull(authTokens.usedAt)))
    .returning({ attempts: authTokens.attempts });
  await recordLoginEvent(db, {
    userId: pending.userId,
    email: pending.email,
    ...client,
    reason,
    success: false,
    provider: isSocialProviderId(pending.method) ? pending.method : 'credentials',
    now,
  });
  const failure = await countWrongSecondFactor(pending.userId, now);
  const ended = !counted || counted.attempts >= max || failure.status !== 'counted';
  if (ended) await clearTicketCookie();
  return ended ? 'ended' : 'again';
}
