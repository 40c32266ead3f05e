// Integration tests run on a fresh database: a new one on the DATABASE_URL server (dropped after),
// or, without DATABASE_URL, an in-memory embedded PGlite per test file. With DATABASE_URL_UNPOOLED
// (DATABASE_URL being a pooler in front of that server) the app gets the same database through both.
import type { TestProject } from 'vitest/node';
import { createTestDatabase } from '../support/test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseUrlUnpooled: string;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  project.provide('databaseUrlUnpooled', '');
  if (!serverUrl) {
    project.provide('databaseUrl', '');
    return;
  }
  const database = await createTestDatabase(serverUrl, process.env.DATABASE_URL_UNPOOLED || undefined);
  project.provide('databaseUrl', database.url);
  project.provide('databaseUrlUnpooled', database.unpooledUrl ?? '');
  return async () => database.drop();
}
