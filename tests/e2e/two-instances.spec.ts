// Two `next start` processes on one database, as every production deployment runs (Vercel starts
// an instance per function, each with its own pool; with DATABASE_URL at a pooler, as in the CI's
// PgBouncer pass, both go through it). Requests alternate between them. Nothing may live in one
// process only: sessions, lockout counts, the sweep's lease, the mail outbox, the migration.
// On a fresh database of its own with its own fake Resend, so counts are exact; needs a server
// (PGlite is one process's database).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { type Entries, fetchOrTimeout, logInOverHttp, postForm, readActionForm } from './fixtures/action-forms';
import { uniqueIp } from './fixtures/client-ip';
import { createUser, uniqueEmail } from './fixtures/users';
import { startAppServer, type AppServer } from '../support/app-server';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { freePort } from '../support/ports';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

test.describe.configure({ mode: 'serial' });
test.skip(!process.env.DATABASE_URL, 'two instances need a database server; PGlite belongs to one process');

const LOCKOUT_THRESHOLD = 4;
const journal = JSON.parse(readFileSync(path.join(process.cwd(), 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: unknown[] };

let database: TestDatabase;
let sql: postgres.Sql;
let resend: FakeResend;
let instances: AppServer[] = [];
const output = ['', ''];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = await createTestDatabase(process.env.DATABASE_URL!, process.env.DATABASE_URL_UNPOOLED || undefined);
  sql = postgres(database.unpooledUrl ?? database.url, { max: 2, prepare: false, onnotice: () => {} });
  resend = await startFakeResend();
  const shared = JSON.parse(process.env.E2E_APP_ENV!) as Record<string, string>;
  const ports = [await freePort(), await freePort()];
  // Both at once on an empty database: each migrates at startup.
  instances = await Promise.all(
    ports.map((port, index) =>
      startAppServer({
        port,
        onOutput: (text) => (output[index] += text),
        env: {
          ...shared,
          PORT: String(port),
          APP_URL: `http://127.0.0.1:${port}`,
          AUTH_URL: `http://127.0.0.1:${port}`,
          DATABASE_URL: database.url,
          DATABASE_URL_UNPOOLED: database.unpooledUrl ?? '',
          RESEND_BASE_URL: resend.url,
          LOCKOUT_THRESHOLD: String(LOCKOUT_THRESHOLD),
        },
      }),
    ),
  );
});

test.afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await resend?.close();
  await sql?.end();
  await database?.drop();
});

/** Instance A, B, A, B… for the i-th request. */
const at = (i: number) => instances[i % 2].url;

async function isSignedIn(base: string, cookie: string): Promise<boolean> {
  const response = await fetchOrTimeout(new URL('/account', base).toString(), { headers: { cookie } });
  if (response.status === 200) return true;
  expect(response.headers.get('location') ?? '').toContain('/login');
  return false;
}

function cronGet(base: string, route: 'mail' | 'retention') {
  return fetchOrTimeout(new URL(`/api/cron/${route}`, base).toString(), { headers: { authorization: `Bearer ${process.env.E2E_CRON_SECRET}` } });
}

test('both start at once on an empty database and the migrations are applied once', async () => {
  const [{ n, hashes }] = await sql<{ n: number; hashes: number }[]>`
    select count(*)::int as n, count(distinct hash)::int as hashes from drizzle.__drizzle_migrations`;
  expect(n).toBe(journal.entries.length);
  expect(hashes).toBe(journal.entries.length);
  const applied = output.map((text) => /\[startup\] applied (\d+) migrations?/.exec(text)?.[1] ?? '0');
  expect(applied.toSorted()).toEqual(['0', String(journal.entries.length)]);
  for (const text of output) expect(text).toContain('[startup] database ready (postgres)');
});

test('a session ended on one instance is refused on the other', async () => {
  const user = await createUser({}, sql);
  const laptop = await logInOverHttp(user, { base: at(0), ip: uniqueIp() });
  const phone = await logInOverHttp(user, { base: at(1), ip: uniqueIp() });
  expect(laptop && phone, 'both logins succeeded').toBeTruthy();
  // A cookie from either instance is good on both.
  expect(await isSignedIn(at(1), laptop!)).toBe(true);
  expect(await isSignedIn(at(0), phone!)).toBe(true);

  // A password change on A ends every other session of the person, on B too.
  const passwordPage = new URL('/account/password', at(0)).toString();
  const form = await readActionForm(passwordPage, 'name="currentPassword"', laptop!);
  const newPassword = 'a brand new passphrase 93';
  const entries: Entries = [...Object.entries(form), ['currentPassword', user.password], ['newPassword', newPassword], ['confirmPassword', newPassword]];
  const response = await postForm(passwordPage, entries, { cookie: laptop!, origin: at(0) });
  expect(response.status).toBeLessThan(400);
  const [row] = await sql<{ session_version: number }[]>`select session_version from users where id = ${user.id}`;
  expect(row.session_version, 'the password change went through').toBeGreaterThan(1);
  expect(await isSignedIn(at(1), phone!)).toBe(false);
  expect(await isSignedIn(at(0), phone!)).toBe(false);
});

test('wrong passwords on both instances count toward one lockout', async () => {
  const user = await createUser({}, sql);
  for (let i = 0; i < LOCKOUT_THRESHOLD; i += 1) {
    expect(await logInOverHttp({ email: user.email, password: `wrong password ${i}` }, { base: at(i), ip: uniqueIp() })).toBeNull();
  }
  // Failures are counted just after each response.
  await expect
    .poll(async () => (await sql<{ locked: boolean }[]>`select locked_until > now() as locked from users where id = ${user.id}`)[0].locked)
    .toBe(true);
  for (let i = 0; i < 2; i += 1) expect(await logInOverHttp(user, { base: at(i), ip: uniqueIp() }), 'the right password is refused while locked').toBeNull();
});

test('two sweeps started at once on both instances: one runs, the other answers skipped', async () => {
  let release!: () => void;
  let locked!: () => void;
  const lockTaken = new Promise<void>((resolve) => (locked = resolve));
  // Holds the sweep's first step (it deletes from users) so the run holding the lease is still busy
  // when the other asks for it, however fast each is.
  const holder = sql.begin(async (tx) => {
    await tx`lock table users in share mode`;
    locked();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await lockTaken;
  const answers = [0, 1].map(async (i) => {
    const response = await cronGet(at(i), 'retention');
    return { instance: i, status: response.status, body: (await response.json()) as { status: string; skipped?: string } };
  });
  const first = await Promise.race(answers);
  expect(first.body).toMatchObject({ status: 'skipped', skipped: 'running' });
  release();
  await holder;
  const [a, b] = await Promise.all(answers);
  const runner = first.instance === 0 ? b : a;
  expect(runner.status).toBe(200);
  expect(runner.body.status).toBe('finished');
  const runs = await sql<{ status: string }[]>`select status from sweep_runs order by status`;
  expect(runs.map((run) => run.status)).toEqual(['finished', 'skipped']);
});

test('mail enqueued on both instances is delivered exactly once', async () => {
  // Resend down while people sign up on A and B: every mail waits in the outbox.
  resend.setBehaviour({ mode: 'status', status: 500 });
  const emails = Array.from({ length: 8 }, () => uniqueEmail('two-instances'));
  for (const [i, email] of emails.entries()) {
    const form = Object.entries(await readActionForm(new URL('/signup', at(i)).toString(), 'name="terms"'));
    const entries: Entries = [...form, ['name', `Person ${i}`], ['email', email], ['password', 'a good long password 7'], ['terms', 'on']];
    const response = await postForm(new URL('/signup', at(i)).toString(), entries, { origin: at(i), ip: uniqueIp() });
    expect(response.headers.get('location') ?? '').toContain('/signup/check-email');
  }
  const queued = () => sql<{ n: number }[]>`select count(*)::int as n from mail_outbox where to_address in ${sql(emails)}`;
  await expect.poll(async () => (await queued())[0].n).toBe(emails.length);

  // Resend is back and every mail is due: both instances drain at once, several times over.
  resend.setBehaviour({ mode: 'ok' });
  await expect
    .poll(async () => {
      await sql`update mail_outbox set next_attempt_at = now() where status = 'pending'`;
      await Promise.all([0, 1, 0, 1].map((i) => cronGet(at(i), 'mail')));
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from mail_outbox where to_address in ${sql(emails)} and status = 'sent'`;
      return row.n;
    })
    .toBe(emails.length);
  for (const email of emails) {
    expect(resend.emails.filter((sent) => sent.to.includes(email)), email).toHaveLength(1);
  }
});
