import 'server-only';
import { and, eq, gt, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { authTokens, users } from '@/db/schema';
import { clearFailures } from '@/lib/auth/lockout';
import { countWrongSecondFactor } from '@/lib/auth/login';
import { recordLoginEvent, type LoginReason } from '@/lib/auth/login-events';
import { signInMethods, type SignInMethod } from '@/lib/auth/sign-in-method';
import { isSocialProviderId } from '@/lib/auth/providers';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import type { ClientInfo } from '@/lib/http/client-info';

// The database side of a sign-in waiting for its second factor (the cookie side is login-ticket.ts):
// a single-use ticket stored hashed in auth_tokens (purpose two_step) with its attempts, where the
// sign-in goes afterwards and how it began (the ticket's prefix, covered by the hash).
// TWO_STEP_TICKET_MINUTES to finish; TWO_STEP_MAX_ATTEMPTS wrong codes end it; each wrong code also
// counts towards the account lockout (LOCKOUT_*), like a wrong password.

export type SecondFactor = 'totp' | 'recovery_code' | 'passkey';

const successReasons: Record<SecondFactor, LoginReason> = { totp: 'two_step_ok', recovery_code: 'recovery_code_used', passkey: 'passkey_ok' };

const providerOf = (method: SignInMethod) => (isSocialProviderId(method) ? method : 'credentials');

export type PendingSignIn = { userId: string; email: string | null; method: SignInMethod; redirectTo: string };

/** A ticket for this sign-in; with `hold` (the client), the login log's two_step_required row in the same transaction. */
export async function issuePendingTicket(userId: string, redirectTo: string, method: SignInMethod, now: Date, hold?: ClientInfo): Promise<string> {
  const ticket = `${method}.${generateToken()}`;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.insert(authTokens).values({
      userId,
      purpose: 'two_step',
      tokenHash: hashToken(ticket),
      redirectTo,
      expiresAt: new Date(now.getTime() + config.TWO_STEP_TICKET_MINUTES * 60_000),
      createdAt: now,
    });
    if (!hold) return;
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
    await recordLoginEvent(tx, { userId, email: user?.email ?? null, ...hold, reason: 'two_step_required', success: false, provider: providerOf(method), now });
  });
  return ticket;
}

function methodOf(ticket: string): SignInMethod | undefined {
  return ticket.length <= 300 ? signInMethods.find((candidate) => ticket.startsWith(`${candidate}.`)) : undefined;
}

/** The sign-in a ticket stands for while it is unused, unexpired, has tries left and the account is not locked. */
export async function findPendingSignIn(ticket: string, now: Date): Promise<PendingSignIn | null> {
  const method = methodOf(ticket);
  if (!method) return null;
  const db = await getDb();
  const [row] = await db
    .select({ userId: authTokens.userId, redirectTo: authTokens.redirectTo, email: users.email })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(
      and(
        eq(authTokens.tokenHash, hashToken(ticket)),
        eq(authTokens.purpose, 'two_step'),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, now),
        lt(authTokens.attempts, config.TWO_STEP_MAX_ATTEMPTS),
        // A lock (wrong codes count towards it) ends the step as it refuses a password.
        or(isNull(users.lockedUntil), lte(users.lockedUntil, now)),
      ),
    );
  return row ? { userId: row.userId, email: row.email, method, redirectTo: row.redirectTo ?? '/account' } : null;
}

/**
 * The second factor was given: uses the ticket up, resets the lockout count (and last login) and
 * logs the sign-in, in one transaction. Null when the ticket ended meanwhile.
 */
export async function consumePendingSignIn(ticket: string, factor: SecondFactor, client: ClientInfo, now: Date): Promise<PendingSignIn | null> {
  const pending = await findPendingSignIn(ticket, now);
  if (!pending) return null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(authTokens)
      .set({ usedAt: now })
      .where(and(eq(authTokens.tokenHash, hashToken(ticket)), eq(authTokens.purpose, 'two_step'), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
      .returning({ id: authTokens.id });
    if (!used) return null;
    await clearFailures(tx, pending.userId, now);
    await recordLoginEvent(tx, { userId: pending.userId, email: pending.email, ...client, reason: successReasons[factor], success: true, provider: providerOf(pending.method), now });
    return pending;
  });
}

/**
 * A wrong code (or a refused passkey): logged, counted on the ticket and towards the account
 * lockout. 'ended' when that was the last try, the lock closed, or the ticket had already ended.
 */
export async function countPendingFailure(ticket: string, reason: 'two_step_failed' | 'passkey_failed', client: ClientInfo, now: Date): Promise<'again' | 'ended'> {
  const pending = await findPendingSignIn(ticket, now);
  if (!pending) return 'ended';
  const db = await getDb();
  const max = config.TWO_STEP_MAX_ATTEMPTS;
  const [counted] = await db
    .update(authTokens)
    .set({ attempts: sql`${authTokens.attempts} + 1`, usedAt: sql`case when ${authTokens.attempts} + 1 >= ${max}::int then ${now.toISOString()}::timestamptz else null end` })
    .where(and(eq(authTokens.tokenHash, hashToken(ticket)), eq(authTokens.purpose, 'two_step'), isNull(authTokens.usedAt)))
    .returning({ attempts: authTokens.attempts });
  await recordLoginEvent(db, { userId: pending.userId, email: pending.email, ...client, reason, success: false, provider: providerOf(pending.method), now });
  const failure = await countWrongSecondFactor(pending.userId, now);
  return !counted || counted.attempts >= max || failure.status !== 'counted' ? 'ended' : 'again';
}
