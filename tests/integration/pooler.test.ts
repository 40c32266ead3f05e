// The app through a PgBouncer of its own in transaction mode (what a Vercel deployment talks to:
// Supavisor, Neon's pooled URL): migrations from instances starting at once, and the pooler
// restarted in the middle of a burst of sign-ups. Needs a real server and the pgbouncer binary;
// the CI runs the whole integration suite through a pooler as well (.ci/run).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { driverTarget, pipelineOption } from '@/db/connection-options';
import { migratePostgresDatabase } from '@/db/migrate';
import { resetDatabase } from './fixtures/database';
import { signUpBurstAround } from './fixtures/sign-up-burst';
import { findPgBouncer, startPgBouncer, type PgBouncer } from '../support/pgbouncer';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// The server this file may use directly: the direct one when the suite itself runs through a pooler.
const directUrl = process.env.DATABASE_URL_UNPOOLED || process.env.DATABASE_URL;
const journal = JSON.parse(readFileSync(path.join(process.cwd(), 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] };

let bouncer: PgBouncer;

/**
 * `loops` request loops side by side for `milliseconds`: each says 'ok', or 'hung' at its first
 * request that took over 5 s (a wedged connection never answers); how many requests completed.
 */
async function requestLoops(loops: number, milliseconds: number, request: (loop: number) => Promise<unknown>) {
  const deadline = Date.now() + milliseconds;
  let completed = 0;
  const outcomes = await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      while (Date.now() < deadline) {
        const outcome = await Promise.race([request(loop).then(() => 'done' as const), new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5_000))]);
        if (outcome === 'hung') return 'hung';
        completed += 1;
      }
      return 'ok';
    }),
  );
  return { outcomes, completed };
}

describe.skipIf(!directUrl || !findPgBouncer())('through a transaction-mode PgBouncer', () => {
  beforeAll(async () => {
    bouncer = await startPgBouncer(directUrl!);
    // The app under test is this process: from here on its database is the pooled URL, migrations included.
    process.env.DATABASE_URL = Object.assign(new URL(bouncer.url), { search: '?pgbouncer=true' }).toString();
    delete process.env.DATABASE_URL_UNPOOLED;
    delete process.env.DATABASE_PREPARE;
  });

  afterAll(async () => {
    await bouncer?.stop();
  });

  describe('migrations', () => {
    let empty: TestDatabase;
    beforeAll(async () => {
      empty = await createTestDatabase(directUrl!);
    });
    afterAll(async () => {
      await empty?.drop();
    });

    it('instances starting at once apply each migration once, and later starts find nothing to do without waiting', async () => {
      const pooled = Object.assign(new URL(empty.url), { hostname: '127.0.0.1', port: String(bouncer.port) }).toString();
      const target = driverTarget(pooled, 'off');
      const applied = await Promise.all(Array.from({ length: 4 }, () => migratePostgresDatabase(target)));
      expect(applied.toSorted()).toEqual([0, 0, 0, journal.entries.length]);
      // A session lock would still be held by whichever server connection PgBouncer lent the first
      // migrator, so these would wait for ever.
      for (let start = 0; start < 3; start += 1) expect(await migratePostgresDatabase(target)).toBe(0);

      const sql = postgres(empty.url, { max: 1, prepare: false, onnotice: () => {} });
      try {
        const rows = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
        expect(rows[0].n).toBe(journal.entries.length);
        const locks = await sql<{ n: number }[]>`
          select count(*)::int as n from pg_locks
          where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`;
        expect(locks[0].n, 'no advisory lock outlives a migration').toBe(0);
      } finally {
        await sql.end();
      }
    });
  });

  it('requests that run queries side by side and transactions at once all finish (no query pipelined into a wedged pooler connection)', async () => {
    await resetDatabase();
    // Twenty clients, each request four reads at once then a transaction, as the admin pages and
    // the login action do: with postgres.js's default pipelining every client hung within seconds.
    const db = await getDb();
    const request = async (client: number) => {
      await Promise.all([
        db.execute(sql`select count(*) from login_events where id > ${client}`),
        db.execute(sql`select ${client}::int as n`),
        db.execute(sql`select now()`),
        db.execute(sql`select generate_series(1, 50)`),
      ]);
      await db.transaction(async (tx) => {
        await tx.execute(sql`select count(*) from users`);
        await tx.execute(sql`select ${client}::int as n`);
      });
    };
    const { outcomes, completed } = await requestLoops(20, 3_000, request);
    expect(outcomes).toEqual(Array(20).fill('ok'));
    expect(completed).toBeGreaterThan(100);
  });

  it('parameterised queries issued at once on one pooled connection all finish (none sent behind another)', async () => {
    // With prepare off postgres.js sends a parameterised query as Parse/Describe/Flush and waits
    // for the description. Pipelined behind another query, PgBouncer 1.18 hands the server
    // connection back when the first query's Sync completes and the Flush is stranded: the
    // connection waits for ever. Two request loops on one connection, each a plain read and three
    // parameterised ones at once, hung at their first request when one query could still be
    // pipelined (max_pipeline 1).
    await resetDatabase();
    const target = driverTarget(process.env.DATABASE_URL!, 'auto');
    const client = postgres(target.url, { max: 1, prepare: target.prepare, ...pipelineOption(target), onnotice: () => {} });
    try {
      // Enough rows that each read takes a moment, so the next ones are issued while it runs.
      await client`insert into login_events (email, success, reason) select 'reader' || g || '@example.com', false, 'bad_password' from generate_series(1, 20000) g`;
      const request = (loop: number) =>
        Promise.all([
          client`select count(*)::int as n from login_events`,
          ...Array.from({ length: 3 }, (_, read) => client`select count(*)::int as n from login_events where email > ${`reader${loop}${read}`}`),
        ]);
      const { outcomes, completed } = await requestLoops(2, 2_000, request);
      expect(outcomes).toEqual(['ok', 'ok']);
      expect(completed).toBeGreaterThan(10);
    } finally {
      await client.end({ timeout: 1 });
    }
  });

  it('PgBouncer restarted during sign-ups: errors for a few seconds at most, then recovery without restarting the app', async () => {
    await resetDatabase();
    const report = await signUpBurstAround(() => bouncer.restart(), { label: 'pooler-restart' });
    console.log(`pgbouncer restart at ${report.faultAt} ms: ${report.signUps} sign-ups, ${report.failed} failed, last failure ${report.lastFailureAfterFaultMs ?? '-'} ms after`);
  });
});
