import { afterAll, inject } from 'vitest';
import { closeDb } from '@/db';

const databaseUrl = inject('databaseUrl');
const databaseUrlUnpooled = inject('databaseUrlUnpooled');
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
