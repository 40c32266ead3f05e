import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows, type Queryable, type Transaction } from './index';

// The statements behind the rate limits (lib/rate-limit/rate-limit.ts, lib/auth/ip-rate-limit.ts):
// hits counted per key in rate_limit_hits, and failed logins per IP in login_events.

/** Makes concurrent callers on `key` take turns until the transaction ends. */
export async function lockRateLimitKey(tx: Transaction, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`rate-limit:${key}`}, 0))`);
}

/** Hits for `key` after each of `since` (one count per moment), in one read. */
export async function countHitsAfterEach(q: Queryable, key: string, since: readonly Date[]): Promise<number[]> {
  const earliest = new Date(Math.min(...since.map((from) => from.getTime())));
  const [row] = await queryRows<Record<string, unknown>>(
    q,
    sql`select ${sql.join(
      since.map((from, index) => sql`count(*) filter (where created_at > ${from.toISOString()}::timestamptz) as ${sql.identifier(`c${index}`)}`),
      sql`, `,
    )}
        from rate_limit_hits
        where key = ${key} and created_at > ${earliest.toISOString()}::timestamptz`,
  );
  return since.map((_, index) => Number(row[`c${index}`]));
}

/** Hits for `key` after `since`. */
export async function countHitsAfter(q: Queryable, key: string, since: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(q, sql`select count(*)::int as n from rate_limit_hits where key = ${key} and created_at > ${since.toISOString()}::timestamptz`);
  return Number(row.n);
}

/** When the `n`-th newest hit for `key` after `since` happened (1 = the newest), or null with fewer. */
export async function nthNewestHitAfter(q: Queryable, key: string, since: Date, n: number): Promise<Date | null> {
  const [row] = await queryRows<{ created_at: string | Date }>(
    q,
    sql`select created_at from rate_limit_hits
        where key = ${key} and created_at > ${since.toISOString()}::timestamptz
        order by created_at desc offset ${n - 1} limit 1`,
  );
  return row ? new Date(row.created_at) : null;
}

/**
 * The newest `count` failed logins from `ip` (null: those whose IP is unknown) up to `now`, newest
 * first, through the (ip, created_at) index. Unparsable forms and right passwords waiting for their
 * second step tested no password and are left out.
 */
export async function recentCountedLoginFailures(q: Queryable, ip: string | null, now: Date, count: number): Promise<Array<{ createdAt: Date; reason: string }>> {
  const sameIp = ip ? sql`ip = ${ip}` : sql`ip is null`;
  const rows = await queryRows<{ created_at: Date | string; reason: string }>(
    q,
    sql`select created_at, reason from login_events
        where ${sameIp} and success = false and reason not in ('invalid_input', 'two_step_required') and created_at <= ${now.toISOString()}::timestamptz
        order by created_at desc limit ${count}`,
  );
  return rows.map((row) => ({ createdAt: new Date(row.created_at), reason: row.reason }));
}
