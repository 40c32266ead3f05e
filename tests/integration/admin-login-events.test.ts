import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { insertAdminAudit, listAuditActions } from '@/db/admin-audit';
import {
  type LoginEventFilter,
  countLoginAttemptsByHour,
  listLoginEvents,
  listLoginReasons,
  listTopFailures,
} from '@/db/admin-login-events';
import type { KeysetCursor } from '@/db/keyset';
import { loginEvents } from '@/db/schema';
import { streamLoginEventsCsv } from '@/lib/admin/export-login-events';
import { parseLoginFilters } from '@/lib/admin/login-filters';
import { resetDatabase } from './fixtures/database';

const BASE = Date.parse('2026-03-10T00:00:00Z');
const minutes = (n: number) => new Date(BASE + n * 60_000);

type Seed = { email: string | null; ip: string; success: boolean; reason: string; at: Date };

async function insertEvents(events: Seed[]) {
  const db = await getDb();
  await db.insert(loginEvents).values(
    events.map((event) => ({
      email: event.email,
      ip: event.ip,
      success: event.success,
      reason: event.reason,
      userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/131.0',
      createdAt: event.at,
    })),
  );
}

/** Every row a filter returns, read page by page towards older rows. */
async function readAll(filter: LoginEventFilter, limit: number) {
  const ids: number[] = [];
  let before: KeysetCursor | undefined;
  for (;;) {
    const page = await listLoginEvents(filter, { before, limit });
    ids.push(...page.rows.map((row) => row.id));
    if (!page.older) return ids;
    before = page.older;
  }
}

async function expectedIds(where: string) {
  const db = await getDb();
  const result = (await db.execute(sql.raw(`select id::int as id from login_events where ${where} order by created_at desc, id desc`))) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: number }[];
  return rows.map((row) => Number(row.id));
}

describe('admin login log queries', () => {
  beforeEach(resetDatabase);

  beforeEach(async () => {
    const events: Seed[] = [];
    for (let i = 0; i < 60; i++) {
      events.push({
        email: ['kim@corp.test', 'kimberly@corp.test', 'lee@corp.test', 'ki_m@corp.test'][i % 4],
        ip: i % 3 === 0 ? '203.0.113.9' : `198.51.100.${i % 5}`,
        success: i % 4 !== 1,
        reason: i % 4 === 1 ? (i % 8 === 1 ? 'wrong_password' : 'locked') : 'success',
        // Pairs share a timestamp, so the id must break ties.
        at: minutes(Math.floor(i / 2) * 60),
      });
    }
    await insertEvents(events);
  });

  it('filters by exact email, email prefix, IP, outcome and dates, alone and combined', async () => {
    const tz = 'Asia/Seoul';
    const cases: Array<[Record<string, string>, string]> = [
      [{ email: 'kim@corp.test' }, `email = 'kim@corp.test'`],
      [{ email: 'KIM*' }, `email like 'kim%'`],
      // "_" is a literal in a prefix, not a wildcard.
      [{ email: 'ki_*' }, `email like 'ki\\_%'`],
      [{ ip: '203.0.113.9' }, `ip = '203.0.113.9'`],
      [{ outcome: 'success' }, `success`],
      [{ outcome: 'failure' }, `not success`],
      [{ outcome: 'reason:locked' }, `reason = 'locked'`],
      [{ email: 'kim*', outcome: 'failure', ip: '198.51.100.1' }, `email like 'kim%' and not success and ip = '198.51.100.1'`],
      // 2026-03-10 in Seoul is 2026-03-09T15:00Z .. 2026-03-10T15:00Z.
      [{ from: '2026-03-10', to: '2026-03-10' }, `created_at >= '2026-03-09T15:00Z' and created_at < '2026-03-10T15:00Z'`],
      [{ from: '2026-03-11', outcome: 'failure' }, `created_at >= '2026-03-10T15:00Z' and not success`],
    ];
    for (const [params, where] of cases) {
      const { filter, errors } = parseLoginFilters(params, tz);
      expect(errors, JSON.stringify(params)).toEqual({});
      const expected = await expectedIds(where);
      expect(expected.length, JSON.stringify(params)).toBeGreaterThan(0);
      expect(await readAll(filter, 7), JSON.stringify(params)).toEqual(expected);
    }
  });

  it('pages back (newer) exactly onto the pages it came from, even as new events arrive', async () => {
    const first = await listLoginEvents({}, { limit: 10 });
    const second = await listLoginEvents({}, { before: first.older!, limit: 10 });
    const third = await listLoginEvents({}, { before: second.older!, limit: 10 });
    await insertEvents([{ email: 'new@corp.test', ip: '192.0.2.1', success: true, reason: 'success', at: minutes(100_000) }]);
    const backToSecond = await listLoginEvents({}, { after: third.newer!, limit: 10 });
    expect(backToSecond.rows.map((row) => row.id)).toEqual(second.rows.map((row) => row.id));
    const backToFirst = await listLoginEvents({}, { after: backToSecond.newer!, limit: 10 });
    expect(backToFirst.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    // The new event is one page further up, not mixed into the pages already seen.
    const top = await listLoginEvents({}, { after: backToFirst.newer!, limit: 10 });
    expect(top.rows.map((row) => row.email)).toEqual(['new@corp.test']);
    expect(top.newer).toBeNull();
  });

  it('exports the filtered rows as CSV in chunks, escaping quotes and formula starts', async () => {
    await insertEvents([{ email: '=cmd|"calc"@corp.test', ip: '192.0.2.7', success: false, reason: 'unknown_email', at: minutes(5) }]);
    const { filter } = parseLoginFilters({ outcome: 'failure' }, 'UTC');
    const text = await new Response(streamLoginEventsCsv(filter, 'UTC', 4)).text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,time_utc,time_local,email,user_id,ip,user_agent,outcome,reason,provider');
    const ids = lines.slice(1).map((line) => Number(line.split(',')[0]));
    expect(ids).toEqual(await expectedIds('not success'));
    expect(text).toContain(`"'=cmd|""calc""@corp.test"`);
    expect(lines.slice(1).every((line) => line.includes(',failure,'))).toBe(true);
  });

  it('counts attempts per hour with empty hours, and the top failing IPs and addresses', async () => {
    const now = minutes(30 * 60);
    const hours = await countLoginAttemptsByHour({ now, hours: 24, timeZone: 'Asia/Seoul' });
    expect(hours).toHaveLength(24);
    const db = await getDb();
    const result = (await db.execute(
      sql`select count(*) filter (where success)::int as ok, count(*) filter (where not success)::int as failed
          from login_events where created_at > ${new Date(now.getTime() - 24 * 3_600_000).toISOString()}::timestamptz and created_at <= ${now.toISOString()}::timestamptz`,
    )) as unknown;
    const [totals] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { ok: number; failed: number }[];
    expect(hours.reduce((sum, hour) => sum + hour.successes, 0)).toBe(Number(totals.ok));
    expect(hours.reduce((sum, hour) => sum + hour.failures, 0)).toBe(Number(totals.failed));

    const top = await listTopFailures({ since: minutes(0), limit: 3 });
    expect(top.emails[0]).toEqual({ key: 'kimberly@corp.test', failures: 15 });
    expect(top.ips.length).toBeGreaterThan(0);
    expect(await listLoginReasons()).toEqual(['locked', 'success', 'wrong_password']);
  });

  it('puts each attempt in the hour of the admin\'s zone it happened in, across a DST change and a half-hour offset', async () => {
    const at = (iso: string) => new Date(iso);
    const attempt = (iso: string, success: boolean): Seed => ({ email: 'dst@corp.test', ip: '192.0.2.9', success, reason: success ? 'success' : 'wrong_password', at: at(iso) });
    // New York falls back at 06:00Z on 2026-11-01: 01:00 EDT (05:00Z) and 01:00 EST (06:00Z) are two hours.
    await insertEvents([
      attempt('2026-11-01T04:59:59.999Z', true),
      attempt('2026-11-01T05:10:00Z', true),
      attempt('2026-11-01T06:10:00Z', false),
      attempt('2026-11-01T06:50:00Z', true),
      attempt('2026-11-01T08:00:00.001Z', false),
    ]);
    const newYork = await countLoginAttemptsByHour({ now: at('2026-11-01T08:00:00Z'), hours: 4, timeZone: 'America/New_York' });
    expect(newYork).toEqual([
      { hourStart: '2026-11-01T05:00:00.000000Z', successes: 1, failures: 0 },
      { hourStart: '2026-11-01T06:00:00.000000Z', successes: 1, failures: 1 },
      { hourStart: '2026-11-01T07:00:00.000000Z', successes: 0, failures: 0 },
      { hourStart: '2026-11-01T08:00:00.000000Z', successes: 0, failures: 0 },
    ]);
    // Kolkata is UTC+05:30: its hours start at half past in UTC.
    const kolkata = await countLoginAttemptsByHour({ now: at('2026-11-01T07:00:00Z'), hours: 3, timeZone: 'Asia/Kolkata' });
    expect(kolkata).toEqual([
      { hourStart: '2026-11-01T04:30:00.000000Z', successes: 2, failures: 0 },
      { hourStart: '2026-11-01T05:30:00.000000Z', successes: 0, failures: 1 },
      { hourStart: '2026-11-01T06:30:00.000000Z', successes: 1, failures: 0 },
    ]);
  });

  it('lists the audit trail\'s distinct actions, in order, by the same skip scan', async () => {
    expect(await listAuditActions()).toEqual([]);
    for (const action of ['user.unlock', 'mail.retry', 'user.unlock', 'user.expire_password']) {
      await insertAdminAudit({ adminId: null, adminEmail: 'admin@corp.test', action });
    }
    expect(await listAuditActions()).toEqual(['mail.retry', 'user.expire_password', 'user.unlock']);
  });

  it('reads the filters from the URL and rejects bad ones without throwing', () => {
    expect(parseLoginFilters({ email: '*' }, 'UTC').filter).toEqual({});
    expect(parseLoginFilters({ from: '2026-02-30' }, 'UTC').errors).toEqual({ from: 'invalidDate' });
    expect(parseLoginFilters({ outcome: 'drop table' }, 'UTC').errors).toEqual({ outcome: 'invalidOutcome' });
    expect(parseLoginFilters({ from: '2026-03-02', to: '2026-03-01' }, 'UTC').errors).toEqual({ to: 'toBeforeFrom' });
    expect(parseLoginFilters({ before: 'nonsense' }, 'UTC').before).toBeUndefined();
  });
});
