import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows, type Transaction } from '@/db';
import { rateLimitHits } from '@/db/schema';

export type Limit = { max: number; windowMs: number };

/**
 * Counts one hit for `key` unless a limit is already reached; true when the hit was allowed.
 * Lives in the database so it holds across instances; a transaction-scoped advisory lock on the key
 * makes concurrent callers take turns, so two requests cannot both slip under a limit.
 */
export async function takeRateLimit(tx: Transaction, key: string, limits: readonly Limit[], now: Date): Promise<boolean> {
  const longest = Math.max(...limits.map((limit) => limit.windowMs));
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rate-limit:${key}`}, 0))`);
  const since = limits.map((limit) => new Date(now.getTime() - limit.windowMs).toISOString());
  const [row] = await queryRows<Record<string, unknown>>(
    tx,
    sql`select ${sql.join(
      since.map((from, index) => sql`count(*) filter (where created_at > ${from}::timestamptz) as ${sql.identifier(`c${index}`)}`),
      sql`, `,
    )}
        from rate_limit_hits
        where key = ${key} and created_at > ${new Date(now.getTime() - longest).toISOString()}::timestamptz`,
  );
  const reached = limits.some((limit, index) => Number(row[`c${index}`]) >= limit.max);
  if (reached) return false;
  await tx.insert(rateLimitHits).values({ key, createdAt: now });
  return true;
}
