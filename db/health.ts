import 'server-only';
import { sql } from 'drizzle-orm';
import { databaseKind, getDb, queryRows, type DatabaseKind } from './index';

export type HealthResult = { ok: true; db: DatabaseKind } | { ok: false; db: DatabaseKind; error: string };

export async function checkDatabase(): Promise<HealthResult> {
  const kind = databaseKind();
  try {
    const rows = await withTimeout(getDb().then((db) => queryRows<{ ok: number }>(db, sql`select 1 as ok`)), 5_000);
    return rows[0]?.ok === 1 ? { ok: true, db: kind } : { ok: false, db: kind, error: 'unexpected answer' };
  } catch (error) {
    return { ok: false, db: kind, error: error instanceof Error ? error.message : 'unreachable' };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('database timed out')), ms).unref())]);
}
