// Integration tests run on fresh databases: on the DATABASE_URL server, one per worker of the project
// (files run side by side, each worker's files one after another on its own database; dropped after),
// or, without DATABASE_URL, an in-memory embedded PGlite per test file. With DATABASE_URL_UNPOOLED
// (DATABASE_URL being a pooler in front of that server) the app gets the same databases through both.
import type { TestProject } from 'vitest/node';
import { createTestDatabase } from '../support/test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One per worker (VITEST_POOL_ID 1, 2, …); empty for PGlite. */
    databaseUrls: string[];
    databaseUrlsUnpooled: string[];
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide('databaseUrls', []);
    project.provide('databaseUrlsUnpooled', []);
    return;
  }
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  const databases = await Promise.all(Array.from({ length: workers }, () => createTestDatabase(serverUrl, process.env.DATABASE_URL_UNPOOLED || undefined)));
  project.provide('databaseUrls', databases.map((database) => database.url));
  project.provide('databaseUrlsUnpooled', databases.map((database) => database.unpooledUrl ?? ''));
  return async () => {
    await Promise.all(databases.map((database) => database.drop()));
  };
}
