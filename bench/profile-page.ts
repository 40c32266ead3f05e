// A CPU profile of `next start` while one URL is under load, to see where a request's time goes
// (not part of `npm run bench`; it prints no goal). Needs a build; `next build --no-mangling` keeps
// function names readable. Writes .prof/*.cpuprofile (open in Chrome DevTools › Performance).
// Usage: npx tsx --import ./scripts/preload.mjs bench/profile-page.ts --path /login [--seconds 6]
//        PROFILE=0 for the request rates alone; COOKIE='authjs.session-token=…' for a signed-in page.
import autocannon from 'autocannon';
import { hash } from '@node-rs/argon2';
import postgres from 'postgres';
import { ARGON2_OPTIONS } from '@/lib/auth/password-hash';
import { startAppServer } from '../tests/support/app-server';
import { freePort } from '../tests/support/ports';
import { argValue, benchAppEnv, freshBenchDatabase } from './support';

async function main() {
  const target = argValue('path', '/login');
  const database = await freshBenchDatabase();
  const port = await freePort();
  const app = await startAppServer({
    port,
    env: benchAppEnv(port, database.url),
    nodeArgs: process.env.PROFILE === '0' ? [] : ['--cpu-prof', '--cpu-prof-dir=.prof'],
  });
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    const passwordHash = await hash('load-test password 1', ARGON2_OPTIONS);
    await sql`insert into users (email, name, password_hash, email_verified_at, password_changed_at) values ('p@bench.test', 'P', ${passwordHash}, now(), now())`;
    const headers: Record<string, string> = {};
    if (process.env.COOKIE) headers.cookie = process.env.COOKIE;
    for (const connections of [1, 20]) {
      const result = await autocannon({ url: `${app.url}${target}`, connections, duration: Number(argValue('seconds', '6')), headers });
      console.log(`${target} c=${connections}: ${result.requests.average} req/s p50 ${result.latency.p50} p99 ${result.latency.p99} non2xx ${result.non2xx}`);
    }
  } finally {
    await sql.end();
    await app.stop();
    await database.drop();
  }
}
main().catch((error) => { console.error(error); process.exit(1); });
