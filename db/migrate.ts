import 'server-only';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DriverTarget } from './connection-options';
import type { Database } from './index';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');
// Any constant shared by every instance: only one of them applies migrations at a time.
const MIGRATION_LOCK_KEY = 727_001;

export async function migratePgliteDatabase(db: Database): Promise<void> {
  await migratePglite(db as never, { migrationsFolder });
}

/**
 * Applies the pending db/migrations in one transaction that first takes a transaction-scoped
 * advisory lock, so instances starting at once apply each migration once, directly or through a
 * transaction pooler (a session lock there would land on some server connection and outlive us).
 * Keeps drizzle's own bookkeeping (`drizzle.__drizzle_migrations`, same hashes and order).
 * Returns how many migrations this call applied.
 */
export async function migratePostgresDatabase(target: DriverTarget): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const client = postgres(target.url, { max: 1, connect_timeout: 5, prepare: target.prepare, onnotice: () => {} });
  try {
    return await drizzle(client).transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
      // Read only under the lock: whoever held it before has committed what it applied.
      await tx.execute(sql`create schema if not exists drizzle`);
      await tx.execute(sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
      const [last] = await tx.execute<{ created_at: string }>(sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
      const pending = migrations.filter((migration) => !last || Number(last.created_at) < migration.folderMillis);
      for (const migration of pending) {
        for (const statement of migration.sql) await tx.execute(sql.raw(statement));
        await tx.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`);
      }
      return pending.length;
    });
  } finally {
    await client.end({ timeout: 5 });
  }
}
