// Mail delivery throughput: 10,000 queued mails drained into the fake Resend API limited to 10
// requests a second. The bound is 100 mails a request × 10 requests a second = 1,000 mails/s.
// Baseline, measured in the same run at the same limit: one request per mail (on 50 mails).
// Run: npm run bench:mail  (uses DATABASE_URL's server, in a fresh database, else embedded PGlite)
import { startFakeResend } from '../tests/support/fake-resend';
import { saveResult } from './support';
import { createTestDatabase, type TestDatabase } from '../tests/support/test-database';

const MAILS = 10_000;
const BASELINE_MAILS = 50;
const REQUESTS_PER_SECOND = 10;
const BATCH = 100;
const TIME_LIMIT_MS = 120_000;

const fake = await startFakeResend({ requestsPerSecond: REQUESTS_PER_SECOND });
let database: TestDatabase | undefined;
if (process.env.DATABASE_URL) {
  database = await createTestDatabase(process.env.DATABASE_URL);
  process.env.DATABASE_URL = database.url;
} else {
  process.env.PGLITE_DATA_DIR = 'memory://';
}
process.env.RESEND_API_KEY = 're_bench';
process.env.RESEND_BASE_URL = fake.url;
process.env.AUTH_SECRET ??= 'bench-secret-bench-secret-bench-secret';

const { closeDb, ensureDatabase, getDb, databaseKind } = await import('@/db');
const { mailOutbox } = await import('@/db/schema');
const { drainOutbox } = await import('@/lib/mail/drain-outbox');

async function queue(count: number, prefix: string) {
  const db = await getDb();
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, offset) => {
      const index = start + offset;
      return {
        toAddress: `bench${index}@example.com`,
        template: 'verify-email',
        locale: index % 2 ? ('ko' as const) : ('en' as const),
        props: { name: index % 3 ? `User ${index}` : null, verifyUrl: `http://localhost:3000/verify-email?token=${prefix}-${index}`, expiresAt: '2026-03-06T06:00:00.000Z' },
        dedupeKey: `bench/${prefix}/${index}`,
      };
    });
    await db.insert(mailOutbox).values(rows);
  }
}

async function drainAll(count: number, batchSize: number) {
  const started = performance.now();
  let sent = 0;
  let requests = 0;
  while (sent < count && performance.now() - started < TIME_LIMIT_MS) {
    const result = await drainOutbox({ batchSize, deadline: Date.now() + TIME_LIMIT_MS });
    sent += result.sent;
    requests += result.requests;
    if (!result.sent && !result.postponed) break;
  }
  const seconds = (performance.now() - started) / 1000;
  return { sent, requests, seconds, perSecond: sent / seconds };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 1100));

try {
  await ensureDatabase();
  await queue(MAILS, 'batched');
  await pause();
  const batched = await drainAll(MAILS, BATCH);
  const limited429 = fake.requests.filter((request) => request.status === 429).length;

  fake.reset();
  await pause();
  await queue(BASELINE_MAILS, 'single');
  const single = await drainAll(BASELINE_MAILS, 1);

  const bound = BATCH * REQUESTS_PER_SECOND;
  const lines = [
    `mail delivery on ${databaseKind()}, fake Resend limited to ${REQUESTS_PER_SECOND} requests/s`,
    `  batched (${BATCH}/request): ${batched.sent} mails in ${batched.seconds.toFixed(2)} s over ${batched.requests} requests (${limited429} answered 429)`,
    `    ${batched.perSecond.toFixed(0)} mails/s; bound ${bound} mails/s; bound / measured = ${(bound / batched.perSecond).toFixed(2)}× (goal ≤ 1.2×)`,
    `  baseline (1 mail/request): ${single.sent} mails in ${single.seconds.toFixed(2)} s = ${single.perSecond.toFixed(1)} mails/s`,
    `    scaled to ${MAILS} mails: ${(MAILS / single.perSecond).toFixed(0)} s vs ${batched.seconds.toFixed(1)} s batched (${(batched.perSecond / single.perSecond).toFixed(0)}× faster)`,
  ];
  console.log(lines.join('\n'));
  saveResult('mail', {
    command: 'npm run bench:mail',
    summary: `${batched.perSecond.toFixed(0)} mails/s against a bound of ${bound} (${(bound / batched.perSecond).toFixed(2)}×); one request per mail: ${single.perSecond.toFixed(1)} mails/s`,
    markdown: ['```', ...lines, '```'].join('\n'),
    data: { database: databaseKind(), requestsPerSecond: REQUESTS_PER_SECOND, bound, batched, single, limited429 },
  });
  if (batched.sent !== MAILS) {
    console.error(`  only ${batched.sent} of ${MAILS} mails went out within ${TIME_LIMIT_MS / 1000} s`);
    process.exitCode = 1;
  }
} finally {
  await closeDb();
  await fake.close();
  await database?.drop();
}
