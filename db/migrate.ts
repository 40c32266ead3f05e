import 'server-only';
import path from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Database } from './index';

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');
// Any constant shared by every instance: only one of them applies migrations at a time.
const MIGRATION_LOCK_KEY = 727_001;

export async function migratePgliteDatabase(db: Database): Promise<void> {
  await migratePglite(db as never, { migrationsFolder });
}

/** Applies db/migrations on a dedicated connection holding a session advisory lock, so many instances may start at once. */
export async function migratePostgresDatabase(url: string): Promise<void> {
  const client = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzle(client), { migrationsFolder });
  } finally {
    await client.end({ timeout: 5 });
  }
}
