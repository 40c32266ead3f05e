import 'server-only';
import type { Queryable, Transaction } from '@/db';
import { countHitsAfter, countHitsAfterEach, lockRateLimitKey, nthNewestHitAfter } from '@/db/rate-limit-queries';
import { rateLimitHits } from '@/db/schema';

export type Limit = { max: number; windowMs: number };

// Limits live in the database so they hold across instances. A transaction-scoped advisory lock on
// the key (lockRateLimitKey) makes concurrent callers take turns, so two requests cannot both slip under a limit.

/**
 * Counts one hit for `key` unless a limit is already reached; true when the hit was allowed.
 */
export async function takeRateLimit(tx: Transaction, key: string, limits: readonly Limit[], now: Date): Promise<boolean> {
  await lockRateLimitKey(tx, key);
  const counts = await countHitsAfterEach(tx, key, limits.map((limit) => new Date(now.getTime() - limit.windowMs)));
  const reached = limits.some((limit, index) => counts[index] >= limit.max);
  if (reached) return false;
  await tx.insert(rateLimitHits).values({ key, createdAt: now });
  return true;
}

/** How many hits `key` has within the window ending now. Reads only. */
export async function countHits(q: Queryable, key: string, windowMs: number, now: Date): Promise<number> {
  return countHitsAfter(q, key, new Date(now.getTime() - windowMs));
}

export type GuardedAttempt = 'passed' | 'failed' | 'limited';

/**
 * Runs `attempt` unless `limit.max` failures were counted for `key` within the window: 'limited'
 * then, without running it. A false result counts as one failure; success leaves the count alone.
 * Callers on the same key take turns, so parallel guesses cannot overshoot the limit.
 */
export async function guardFailures(tx: Transaction, key: string, limit: Limit, now: Date, attempt: () => Promise<boolean>): Promise<GuardedAttempt> {
  await lockRateLimitKey(tx, key);
  if ((await countHits(tx, key, limit.windowMs, now)) >= limit.max) return 'limited';
  if (await attempt()) return 'passed';
  await tx.insert(rateLimitHits).values({ key, createdAt: now });
  return 'failed';
}

export type KeyedLimits = { key: string; limits: readonly Limit[] };

/**
 * Counts one hit on every key, or on none: when any key has reached one of its limits, returns the
 * keys that have and the moment all are free again (when enough hits have left the windows). Keys are locked in
 * a fixed order, so concurrent callers sharing keys cannot deadlock.
 */
export async function takeRateLimits(
  tx: Transaction,
  checks: readonly KeyedLimits[],
  now: Date,
): Promise<{ allowed: true } | { allowed: false; keys: string[]; retryAt: Date }> {
  for (const key of [...new Set(checks.map((check) => check.key))].sort()) await lockRateLimitKey(tx, key);
  const keys: string[] = [];
  let retryAt = now;
  for (const { key, limits } of checks) {
    for (const limit of limits) {
      // The hit whose leaving the window brings the count under the limit.
      const limiting = await nthNewestHitAfter(tx, key, new Date(now.getTime() - limit.windowMs), limit.max);
      if (!limiting) continue;
      const freeAt = new Date(limiting.getTime() + limit.windowMs);
      if (!keys.includes(key)) keys.push(key);
      if (freeAt > retryAt) retryAt = freeAt;
    }
  }
  if (keys.length) return { allowed: false, keys, retryAt };
  await tx.insert(rateLimitHits).values(checks.map((check) => ({ key: check.key, createdAt: now })));
  return { allowed: true };
}

/** Hits counted for `key` since `since` (the admin dashboard's view of a limit). */
export async function countRateLimitHits(q: Queryable, key: string, since: Date): Promise<number> {
  return countHitsAfter(q, key, since);
}
