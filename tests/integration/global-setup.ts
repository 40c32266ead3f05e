// Integration tests run on a fresh database: a new one on the DATABASE_URL server (dropped after),
// or, without DATABASE_URL, an in-memory embedded PGlite per test file.
import type { TestProject } from 'vitest/node';
import { createTestDatabase } from '../support/test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide('databaseUrl', '');
    return;
  }
  const database = await createTestDatabase(serverUrl);
  project.provide('databaseUrl', database.url);
  return async () => database.drop();
}
