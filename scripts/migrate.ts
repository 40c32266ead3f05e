// `npm run db:migrate`: applies db/migrations to DATABASE_URL, or to the embedded database.
import { closeDb, ensureDatabase } from '@/db';
import { describeStartupError } from '@/lib/startup';

try {
  const kind = await ensureDatabase();
  console.log(`Migrations applied (${kind}).`);
  await closeDb();
} catch (error) {
  console.error(describeStartupError(error));
  process.exit(1);
}
