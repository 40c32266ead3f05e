// `npm run db:seed`: demo data for development — an admin (admin@example.com / lifecycle-admin-dev),
// accounts in every state (password demo-password-123) and a week of sign-in attempts, so the admin
// console has something to show. Only for the embedded or a local database, never in production.
// Skips when the demo admin already exists.
import { closeDb, ensureDatabase } from '@/db';
import { isDemoSeeded, seedDemoData } from '@/db/seed-demo';
import { hashPassword } from '@/lib/auth/password-hash';
import { describeStartupError } from '@/lib/startup';

export const DEMO_ADMIN_PASSWORD = 'lifecycle-admin-dev';
export const DEMO_USER_PASSWORD = 'demo-password-123';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function refusal(): string | null {
  if (process.env.NODE_ENV === 'production') return 'Refusing to seed with NODE_ENV=production.';
  const url = process.env.DATABASE_URL;
  if (url) {
    const host = URL.canParse(url) ? new URL(url).hostname : '';
    if (!LOCAL_HOSTS.has(host)) return `Refusing to seed a database that is not local (${host || 'unparseable DATABASE_URL'}).`;
  }
  return null;
}

const reason = refusal();
if (reason) {
  console.error(reason);
  process.exit(1);
}

try {
  await ensureDatabase();
  if (await isDemoSeeded()) {
    console.log('Demo data is already there (admin@example.com exists); nothing to do.');
  } else {
    const [adminPasswordHash, demoPasswordHash] = await Promise.all([hashPassword(DEMO_ADMIN_PASSWORD), hashPassword(DEMO_USER_PASSWORD)]);
    const result = await seedDemoData({ adminPasswordHash, demoPasswordHash, now: new Date() });
    console.log(`Seeded ${result.users} accounts and ${result.loginEvents} sign-in attempts.`);
    console.log(`Admin: admin@example.com / ${DEMO_ADMIN_PASSWORD}   Demo accounts: <name>@example.com / ${DEMO_USER_PASSWORD}`);
  }
} catch (error) {
  console.error(describeStartupError(error));
  process.exitCode = 1;
} finally {
  await closeDb();
}
