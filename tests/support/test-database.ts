// A fresh database per test run: a new database on the server at DATABASE_URL (created, then dropped),
// or, without DATABASE_URL, the embedded PGlite. Refuses anything but a local server.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { driverTarget } from '@/db/connection-options';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export type TestDatabase = {
  url: string;
  /** The same database through `unpooledServerUrl`, when one was given. */
  unpooledUrl?: string;
  name: string;
  drop: () => Promise<void>;
};

export function assertLocalDatabase(url: string) {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host) && !host.startsWith('/')) {
    throw new Error(`Refusing to run tests against a non-local database (${host}). Point DATABASE_URL at 127.0.0.1.`);
  }
}

/**
 * Creates `lifecycle_test_<random>` next to the database in serverUrl and returns its URL; with
 * unpooledServerUrl (the direct connection to the server serverUrl pools), creates and drops it
 * there and returns that URL too.
 */
export async function createTestDatabase(serverUrl: string, unpooledServerUrl?: string): Promise<TestDatabase> {
  assertLocalDatabase(serverUrl);
  if (unpooledServerUrl) assertLocalDatabase(unpooledServerUrl);
  const name = `lifecycle_test_${randomBytes(5).toString('hex')}`;
  const adminUrl = driverTarget(unpooledServerUrl ?? serverUrl, 'off').url;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
    // A throwaway database needs no flush to disk per commit; the sweep simulation commits tens of
    // thousands of times, and on a busy machine each flush costs milliseconds.
    await admin.unsafe(`alter database ${name} set synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  const renamed = (url: string) => Object.assign(new URL(url), { pathname: `/${name}` }).toString();
  return {
    url: renamed(serverUrl),
    unpooledUrl: unpooledServerUrl ? renamed(unpooledServerUrl) : undefined,
    name,
    drop: async () => {
      const client = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await client.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
