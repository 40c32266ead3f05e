import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '@/db';
import { config } from '@/lib/config';

/**
 * Whether an IP is rate-limited. It becomes so with more than IP_FAILURE_LIMIT failed logins within
 * IP_FAILURE_WINDOW_MINUTES, and stays so until IP_BLOCK_MINUTES pass without a failure from it:
 * attempts while limited are logged as `rate_limited` failures, so an IP that keeps trying stays
 * limited. Reads at most LIMIT + 1 rows through the (ip, created_at) index, however busy the attack.
 * Unparsable forms (`invalid_input`) test no password and do not count; nor does a right password
 * waiting for its second step (`two_step_required`).
 */
export async function isIpRateLimited(q: Queryable, ip: string | null, now: Date): Promise<boolean> {
  const limit = config.IP_FAILURE_LIMIT;
  // Attempts whose IP is unknown share one count: a missing address never skips the limit.
  const sameIp = ip ? sql`ip = ${ip}` : sql`ip is null`;
  const rows = await queryRows<{ created_at: Date | string; reason: string }>(
    q,
    sql`select created_at, reason from login_events
        where ${sameIp} and success = false and reason not in ('invalid_input', 'two_step_required') and created_at <= ${now.toISOString()}::timestamptz
        order by created_at desc limit ${limit + 1}`,
  );
  if (rows.length === 0) return false;
  const latest = new Date(rows[0].created_at).getTime();
  if (now.getTime() - latest >= config.IP_BLOCK_MINUTES * 60_000) return false;
  if (rows[0].reason === 'rate_limited') return true;
  return rows.length > limit && latest - new Date(rows[limit].created_at).getTime() < config.IP_FAILURE_WINDOW_MINUTES * 60_000;
}
