import 'server-only';
import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { users } from '@/db/schema';
import { config } from '@/lib/config';

// Doubling stops here: 2^30 minutes is far past any sensible LOCKOUT_MAX_MINUTES.
const MAX_DOUBLINGS = 30;

/** Minutes the n-th lock (1-based, counted since the last successful login) lasts: doubling, capped. */
export function lockMinutes(lockNumber: number): number {
  const doublings = Math.min(Math.max(lockNumber - 1, 0), MAX_DOUBLINGS);
  return Math.min(config.LOCKOUT_MINUTES * 2 ** doublings, config.LOCKOUT_MAX_MINUTES);
}

export function isLocked(user: { lockedUntil: Date | null }, now: Date): boolean {
  return user.lockedUntil !== null && user.lockedUntil > now;
}

export type FailureResult =
  | { status: 'counted'; failedLoginCount: number }
  | { status: 'locked-now'; lockedUntil: Date; lockCount: number }
  | { status: 'already-locked' };

/**
 * Counts one wrong password in a single UPDATE, so attempts on many instances at once count exactly.
 * The LOCKOUT_THRESHOLD-th consecutive failure locks the account (lockMinutes, done in SQL with the same
 * arithmetic) and starts a fresh count for after the lock. An account that is locked is left alone.
 */
export async function countFailedPassword(q: Queryable, userId: string, now: Date): Promise<FailureResult> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const reached = sql`${users.failedLoginCount} + 1 >= ${config.LOCKOUT_THRESHOLD}::int`;
  const minutes = sql`least(${config.LOCKOUT_MINUTES}::int * power(2, least(${users.lockCount}, ${MAX_DOUBLINGS}::int)), ${config.LOCKOUT_MAX_MINUTES}::int)`;
  const [row] = await q
    .update(users)
    .set({
      failedLoginCount: sql`case when ${reached} then 0 else ${users.failedLoginCount} + 1 end`,
      lockCount: sql`case when ${reached} then ${users.lockCount} + 1 else ${users.lockCount} end`,
      lockedUntil: sql`case when ${reached} then ${nowSql} + ${minutes} * interval '1 minute' else ${users.lockedUntil} end`,
    })
    .where(and(eq(users.id, userId), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))))
    .returning({ failedLoginCount: users.failedLoginCount, lockCount: users.lockCount, lockedUntil: users.lockedUntil });
  if (!row) return { status: 'already-locked' };
  if (row.lockedUntil && row.lockedUntil > now) return { status: 'locked-now', lockedUntil: row.lockedUntil, lockCount: row.lockCount };
  return { status: 'counted', failedLoginCount: row.failedLoginCount };
}

/** After a successful login: the failure count, the lock and the doubling all start over. */
export async function clearFailures(q: Queryable, userId: string, now: Date): Promise<void> {
  await q.update(users).set({ failedLoginCount: 0, lockCount: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, userId));
}
