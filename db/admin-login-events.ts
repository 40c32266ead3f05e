import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { getDb, queryRows, type Queryable } from './index';
import { ISO_MICROS, type KeysetPage, type KeysetRequest, listDistinctValues, readKeysetPage } from './keyset';

// The admin login log, read in keyset pages (db/keyset.ts).
// Every filter maps to an index: login_events_{email_pattern,ip,success,reason,created}_idx.

export type EmailFilter = { kind: 'exact' | 'prefix'; value: string };
export type OutcomeFilter = { kind: 'success' } | { kind: 'failure' } | { kind: 'reason'; reason: string };

export type LoginEventFilter = {
  email?: EmailFilter;
  ip?: string;
  userId?: string;
  outcome?: OutcomeFilter;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
};

export type LoginEventRow = {
  id: number;
  createdAt: string;
  userId: string | null;
  email: string | null;
  ip: string | null;
  userAgent: string | null;
  success: boolean;
  reason: string;
  provider: string;
};

export type LoginEventPage = KeysetPage<LoginEventRow>;

type RawRow = {
  id: string;
  created_at: string;
  user_id: string | null;
  email: string | null;
  ip: string | null;
  user_agent: string | null;
  success: boolean;
  reason: string;
  provider: string;
};

const MAX_CODE_POINT = 0x10ffff;

/**
 * Smallest string greater than every string starting with `prefix`, in byte order (text_pattern_ops),
 * or null when there is none (a prefix of only U+10FFFF): then the lower bound alone selects.
 * U+10FFFF cannot be incremented, so it carries into the character before; the surrogate range is skipped.
 */
export function prefixUpperBound(prefix: string): string | null {
  const chars = Array.from(prefix);
  while (chars.length && chars[chars.length - 1].codePointAt(0) === MAX_CODE_POINT) chars.pop();
  const last = chars.pop();
  if (last === undefined) return null;
  const next = last.codePointAt(0)! + 1;
  return chars.join('') + String.fromCodePoint(next >= 0xd800 && next <= 0xdfff ? 0xe000 : next);
}

/** The WHERE conditions of a filter; exported so the benchmark can run the same filter with OFFSET. */
export function loginEventConditions(filter: LoginEventFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.email?.kind === 'exact') conditions.push(sql`email = ${filter.email.value}`);
  if (filter.email?.kind === 'prefix' && filter.email.value) {
    const upper = prefixUpperBound(filter.email.value);
    conditions.push(upper === null ? sql`email ~>=~ ${filter.email.value}` : sql`email ~>=~ ${filter.email.value} and email ~<~ ${upper}`);
  }
  if (filter.ip) conditions.push(sql`ip = ${filter.ip}`);
  if (filter.userId) conditions.push(sql`user_id = ${filter.userId}::uuid`);
  if (filter.outcome?.kind === 'success') conditions.push(sql`success = true`);
  if (filter.outcome?.kind === 'failure') conditions.push(sql`success = false`);
  if (filter.outcome?.kind === 'reason') conditions.push(sql`reason = ${filter.outcome.reason}`);
  if (filter.from) conditions.push(sql`created_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) conditions.push(sql`created_at < ${filter.to.toISOString()}::timestamptz`);
  return conditions;
}

export const loginEventColumns = sql`id::text as id, to_char(created_at at time zone 'UTC', ${ISO_MICROS}) as created_at,
  user_id, email, ip, user_agent, success, reason, provider`;

export function toLoginEventRow(row: RawRow): LoginEventRow {
  return {
    id: Number(row.id),
    createdAt: row.created_at,
    userId: row.user_id,
    email: row.email,
    ip: row.ip,
    userAgent: row.user_agent,
    success: row.success,
    reason: row.reason,
    provider: row.provider,
  };
}

/** One page of the log under `filter`, newest first. */
export async function listLoginEvents(filter: LoginEventFilter, page: KeysetRequest, q?: Queryable): Promise<LoginEventPage> {
  const database = q ?? (await getDb());
  return readKeysetPage(database, { table: 'login_events', columns: loginEventColumns, conditions: loginEventConditions(filter), toRow: toLoginEventRow }, page);
}

export type HourlyAttempts = { hourStart: string; successes: number; failures: number };

/** Attempts per hour (hours start in `timeZone`) for the `hours` hours up to `now`, empty hours included. */
export async function countLoginAttemptsByHour(input: { now: Date; hours: number; timeZone: string }): Promise<HourlyAttempts[]> {
  const db = await getDb();
  const now = input.now.toISOString();
  const start = new Date(input.now.getTime() - (input.hours - 1) * 3_600_000).toISOString();
  const rows = await queryRows<{ hour_start: string; successes: number; failures: number }>(
    db,
    // Each hour counted on its own range of the created_at index: no time-zone arithmetic per row,
    // and with the LIMIT the planner expects the real number of hours, not generate_series' 1,000
    // rows, so it does not JIT-compile the query (that alone took ~8 of the ~20 ms it used to cost
    // over a day of 20,000 attempts; now ~3 ms).
    sql`with buckets as (
          select hour from generate_series(date_trunc('hour', ${start}::timestamptz, ${input.timeZone}), ${now}::timestamptz, interval '1 hour') as hour
          limit ${input.hours + 1}
        )
        select to_char(b.hour at time zone 'UTC', ${ISO_MICROS}) as hour_start, c.successes, c.failures
        from buckets b
        cross join lateral (
          select (count(*) filter (where success))::int as successes, (count(*) filter (where not success))::int as failures
          from login_events
          where created_at >= b.hour and created_at < b.hour + interval '1 hour' and created_at <= ${now}::timestamptz
        ) c
        order by b.hour`,
  );
  return rows.map((row) => ({ hourStart: row.hour_start, successes: Number(row.successes), failures: Number(row.failures) }));
}

export type FailureCount = { key: string; failures: number };

/** The IPs and the addresses with the most failed attempts since `since`. */
export async function listTopFailures(input: { since: Date; limit: number }): Promise<{ ips: FailureCount[]; emails: FailureCount[] }> {
  const db = await getDb();
  const since = input.since.toISOString();
  const top = (column: SQL) =>
    queryRows<{ key: string; failures: number }>(
      db,
      sql`select ${column} as key, count(*)::int as failures from login_events
          where created_at >= ${since}::timestamptz and success = false and ${column} is not null
          group by 1 order by 2 desc, 1 limit ${input.limit}`,
    );
  const [ips, emails] = await Promise.all([top(sql`ip`), top(sql`email`)]);
  const shape = (rows: { key: string; failures: number }[]) => rows.map((row) => ({ key: row.key, failures: Number(row.failures) }));
  return { ips: shape(ips), emails: shape(emails) };
}

/** Every distinct reason in the log (skip scan over the reason index). */
export async function listLoginReasons(): Promise<string[]> {
  return listDistinctValues(await getDb(), { table: 'login_events', column: 'reason' });
}

/** Failed attempts in the last `hours` hours. */
export async function countRecentFailures(hours: number): Promise<number> {
  const db = await getDb();
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from login_events where success = false and created_at >= now() - make_interval(hours => ${hours}::int)`,
  );
  return Number(row?.n ?? 0);
}
