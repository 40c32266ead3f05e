import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb, queryRows } from './index';
import type { OutboxChannel } from './schema';

export type SweepRunRow = {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  status: string;
  trigger: string | null;
  counts: Record<string, number>;
  error: string | null;
};

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

export async function listSweepRuns(limit: number): Promise<SweepRunRow[]> {
  const db = await getDb();
  const rows = await queryRows<{
    id: string;
    started_at: string;
    finished_at: string | null;
    duration_ms: number | null;
    status: string;
    trigger: string | null;
    counts: Record<string, number> | string;
    error: string | null;
  }>(
    db,
    sql`select id, ${iso('started_at')} as started_at, ${iso('finished_at')} as finished_at,
               (extract(epoch from finished_at - started_at) * 1000)::float8 as duration_ms,
               status, trigger, counts, error
        from sweep_runs order by started_at desc limit ${limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    status: row.status,
    trigger: row.trigger,
    counts: json(row.counts) ?? {},
    error: row.error,
  }));
}

/** Outbox rows of one channel (mail by default, or SMS) by status. */
export async function countMailByStatus(channel: OutboxChannel = 'email'): Promise<Record<string, number>> {
  const db = await getDb();
  const rows = await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from mail_outbox where channel = ${channel} group by status`);
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

export type FailedMailRow = {
  id: string;
  toAddress: string;
  template: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
};

export async function listFailedMail(limit: number, channel: OutboxChannel = 'email'): Promise<FailedMailRow[]> {
  const db = await getDb();
  const rows = await queryRows<{ id: string; to_address: string; template: string; attempts: number; last_error: string | null; created_at: string }>(
    db,
    sql`select id, to_address, template, attempts, last_error, ${iso('created_at')} as created_at
        from mail_outbox where status = 'failed' and channel = ${channel} order by created_at desc limit ${limit}`,
  );
  return rows.map((row) => ({
    id: row.id,
    toAddress: row.to_address,
    template: row.template,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    createdAt: row.created_at,
  }));
}
