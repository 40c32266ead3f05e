import 'server-only';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { mkdirSync } from 'node:fs';
import postgres from 'postgres';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { config, type Config } from '@/lib/config';
import { driverTarget, migrationTarget, pipelineOption } from './connection-options';
import * as schema from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Database | Transaction;
export type DatabaseKind = 'pglite' | 'postgres';

type Connection = {
  db: Database;
  kind: DatabaseKind;
  ready: Promise<void>;
  close: () => Promise<void>;
  /** The queries built once for this database (preparedQuery). */
  prepared: Map<string, unknown>;
};

// One connection per process, kept across hot reloads. Opened on first use, never at import:
// `next build` workers import this module too, and PGlite has no lock file.
const holder = globalThis as unknown as { __lifecycleDb?: Connection };

function open(): Connection {
  return config.DATABASE_URL ? openPostgres(config, config.DATABASE_URL) : openPglite(config.PGLITE_DATA_DIR, config.PGLITE_SOCKET_PORT);
}

function openPostgres(config: Config, url: string): Connection {
  const target = driverTarget(url, config.DATABASE_PREPARE);
  const client = postgres(target.url, { max: config.DATABASE_POOL_MAX, prepare: target.prepare, ...pipelineOption(target), connect_timeout: 5, idle_timeout: 30, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Database;
  const ready = (async () => {
    const { migratePostgresDatabase } = await import('./migrate');
    const applied = await migratePostgresDatabase(migrationTarget(config));
    if (applied > 0) console.info(`[startup] applied ${applied} migration${applied === 1 ? '' : 's'}`);
  })();
  return { db, kind: 'postgres', ready, close: () => client.end({ timeout: 5 }), prepared: new Map() };
}

function openPglite(dataDir: string, socketPort: number | undefined): Connection {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = new PGlite(dataDir);
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  let socketServer: { stop: () => Promise<void> } | undefined;
  const ready = (async () => {
    const { migratePgliteDatabase } = await import('./migrate');
    await migratePgliteDatabase(db);
    if (socketPort) {
      // Lets psql and the test suite look into the embedded database: `psql -h 127.0.0.1 -p PORT`.
      const { startPgliteSocketServer } = await import('./pglite-socket');
      socketServer = await startPgliteSocketServer(client, { host: '127.0.0.1', port: socketPort, maxConnections: 16 });
    }
  })();
  return {
    db,
    kind: 'pglite',
    ready,
    prepared: new Map(),
    close: async () => {
      await socketServer?.stop();
      await client.close();
    },
  };
}

function connection(): Connection {
  holder.__lifecycleDb ??= open();
  return holder.__lifecycleDb;
}

/** The database, once it is open and migrated. */
export async function getDb(): Promise<Database> {
  const current = connection();
  await current.ready;
  return current.db;
}

/**
 * A query of the hottest paths, built once per database by `build` (ending in drizzle's
 * `.prepare(name)`) and kept. drizzle otherwise builds its SQL anew at every call and has
 * postgres.js send it unnamed, so PostgreSQL parses and plans it each time too; a prepared one is
 * named, and prepared once per connection, where the connection prepares at all (postgres.js's
 * `prepare`, off behind a transaction pooler, wins over the query's).
 */
export async function preparedQuery<Query>(name: string, build: (db: Database, name: string) => Query): Promise<Query> {
  const current = connection();
  await current.ready;
  let query = current.prepared.get(name) as Query | undefined;
  if (query === undefined) {
    query = build(current.db, name);
    current.prepared.set(name, query);
  }
  return query;
}

/** Opens and migrates the database; throws when it is unreachable. Called at startup. */
export async function ensureDatabase(): Promise<DatabaseKind> {
  const current = connection();
  try {
    await current.ready;
  } catch (error) {
    holder.__lifecycleDb = undefined;
    await current.close().catch(() => {});
    throw error;
  }
  return current.kind;
}

export function databaseKind(): DatabaseKind {
  return config.DATABASE_URL ? 'postgres' : 'pglite';
}

export async function closeDb(): Promise<void> {
  const current = holder.__lifecycleDb;
  holder.__lifecycleDb = undefined;
  await current?.close();
}

/** Rows of a raw `execute(sql)`: the two drivers shape their results differently. */
export async function queryRows<T extends Record<string, unknown>>(q: Queryable, query: SQL): Promise<T[]> {
  const result = (await q.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export { schema };
