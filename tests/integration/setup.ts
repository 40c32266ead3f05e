import { afterAll, inject } from 'vitest';
import { closeDb } from '@/db';

// This worker's database (global-setup.ts made one per worker).
const worker = Math.max(0, Number(process.env.VITEST_POOL_ID ?? 1) - 1);
const urls = inject('databaseUrls');
const databaseUrl = urls.length ? urls[worker % urls.length] : '';
const databaseUrlUnpooled = urls.length ? inject('databaseUrlsUnpooled')[worker % urls.length] : '';
if (databaseUrlUnpooled) process.env.DATABASE_URL_UNPOOLED = databaseUrlUnpooled;
else delete process.env.DATABASE_URL_UNPOOLED;
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DATA_DIR = 'memory://';
}
process.env.AUTH_SECRET ??= 'integration-test-secret-integration-test-secret';
process.env.APP_URL ??= 'http://localhost:3000';

afterAll(async () => {
  await closeDb();
});
