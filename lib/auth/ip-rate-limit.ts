import 'server-only';
import type { Queryable } from '@/db';
import { recentCountedLoginFailures } from '@/db/rate-limit-queries';
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
  const rows = await recentCountedLoginFailures(q, ip, now, limit + 1);
  if (rows.length === 0) return false;
  const latest = rows[0].createdAt.getTime();
  if (now.getTime() - latest >= config.IP_BLOCK_MINUTES * 60_000) return false;
  if (rows[0].reason === 'rate_limited') return true;
  return rows.length > limit && latest - rows[limit].createdAt.getTime() < config.IP_FAILURE_WINDOW_MINUTES * 60_000;
}
