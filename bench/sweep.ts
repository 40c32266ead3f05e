// `npm run bench:sweep -- [--users 1000000] [--sample 10000] [--rtt-ms 1]`
// Seeds N accounts with a realistic mix on a fresh database next to DATABASE_URL (local servers only;
// dropped afterwards), then measures in the same run:
//   sweep       runSweep() as the cron route runs it (batches, locks, lease, dedupe), per step
//   set-based   hand-written SQL doing the same writes, one statement per step (the lower bound)
//   row loop    select, then update and mail one account at a time (like the seed), on a sample, scaled
// Goals: sweep within 3x of set-based, at least 50x faster than the row loop, peak RSS < 256 MB.
// Then, unless --rtt-ms 0, the sweep and the row loop once more through a proxy that adds a network
// round trip (bench/latency-proxy.ts): the database is not on loopback in production.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { keyedHash } from '@/lib/auth/tokens';
import { hmacKeysFor } from '@/lib/retention/hmac-keys';
import { startLatencyProxy } from './latency-proxy';
import { DEFAULT_SERVER_URL, percentile, saveResult } from './support';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret';
const DAY = 86_400_000;
const settings = { dormancyDays: 365, noticeDays: 30, graceDays: 60, purgeDays: 60, passwordDays: 60, unverifiedDays: 7, loginDays: 365, auditDays: 365, mailDays: 30 };

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 100) throw new Error(`--${name} needs a whole number of at least 100`);
  return value;
}

const users = argument('users', 1_000_000);
const roundTripMs = (() => {
  const index = process.argv.indexOf('--rtt-ms');
  const value = index === -1 ? 1 : Number(process.argv[index + 1]);
  if (!(value >= 0 && value <= 50)) throw new Error('--rtt-ms needs a number of milliseconds from 0 to 50');
  return value;
})();
const sample = Math.min(argument('sample', 10_000), users);
const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER_URL;
if (!LOCAL_HOSTS.has(new URL(serverUrl).hostname)) {
  console.error(`Refusing to benchmark against a non-local database (${new URL(serverUrl).hostname}).`);
  process.exit(1);
}

const tag = `bench_sweep_${randomBytes(4).toString('hex')}`;
const urlOf = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
const created: string[] = [];
const now = new Date();

async function createDatabase(name: string, template?: string) {
  await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ''}`);
  created.push(name);
  return urlOf(name);
}

/** One fresh database holding `count` accounts in the benchmark's mix, migrated and analysed. */
async function seedDatabase(name: string, count: number): Promise<void> {
  const url = await createDatabase(name);
  const { migratePostgresDatabase } = await import('@/db/migrate');
  await migratePostgresDatabase({ url, prepare: true, maxPipeline: 100 });
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  try {
    for (const statement of SEED_SQL.split(/;\s*\n\s*\n/)) await client.unsafe(statement, [count, now.toISOString()]);
    await client.unsafe('vacuum analyze');
  } finally {
    await client.end();
  }
  console.log(`seeded ${count.toLocaleString('en')} accounts in ${name} in ${seconds(performance.now() - started)}`);
}

// Buckets of i % 100: 0 admin; 1-40 active; 41-60 active with an old password; 61-66 due a dormancy
// warning; 67-76 due dormancy; 77-79 withdrawn past grace; 80 withdrawn in grace; 81-84 dormant past
// purge; 85-86 dormant; 87-88 unverified past TTL; 89 unverified; 90-99 social-only (no password).
// One login event per account, tokens for a tenth, rate-limit hits, admin audit and sent mail; the log
// tables are written in time order, as an append-only log is.
const SEED_SQL = `
  with s as (
    select i, i % 100 as b, random() as r, $2::timestamptz as now from generate_series(1, $1::int) i
  ), t as (
    select *, now - (1100 + r * 300) * interval '1 day' as created,
      case
        when b = 0 then now - (400 + r * 300) * interval '1 day'
        when b between 61 and 66 then now - (336 + r * 28) * interval '1 day'
        when b between 67 and 76 then now - (366 + r * 334) * interval '1 day'
        when b between 87 and 89 then null
        else now - r * 300 * interval '1 day'
      end as last_login
    from s
  )
  insert into users (id, email, name, phone, password_hash, role, status, locale, email_verified_at, created_at,
    last_login_at, password_changed_at, withdrawn_at, dormant_at)
  select lpad(to_hex(i), 32, '0')::uuid,
    case when b between 81 and 86 then null else 'u' || i || '@bench.test' end,
    case when b between 81 and 86 then null else 'Person ' || i end,
    case when b between 81 and 86 then null else '+8210' || lpad((i % 100000000)::text, 8, '0') end,
    case when b between 81 and 86 or b >= 90 then null else '$argon2id$v=19$m=19456,t=2,p=1$' || md5(i::text) || '$' || md5((-i)::text) end,
    case when b = 0 then 'admin' else 'user' end,
    case when b between 77 and 80 then 'withdrawn' when b between 81 and 86 then 'dormant' else 'active' end,
    case when i % 3 = 0 then 'ko' when i % 3 = 1 then 'en' else null end,
    case when b between 87 and 89 then null else created + interval '1 hour' end,
    case when b between 87 and 88 then now - (8 + r * 20) * interval '1 day' when b = 89 then now - r * 6 * interval '1 day' else created end,
    last_login,
    case when b between 41 and 60 then now - (61 + r * 300) * interval '1 day'
      when b between 1 and 40 or b >= 90 then now - r * 59 * interval '1 day'
      else coalesce(last_login, created) end,
    case when b between 77 and 79 then now - (61 + r * 100) * interval '1 day' when b = 80 then now - r * 59 * interval '1 day' end,
    case when b between 81 and 84 then now - (61 + r * 200) * interval '1 day' when b between 85 and 86 then now - r * 59 * interval '1 day' end
  from t;

  insert into dormant_accounts (user_id, email, name, phone, password_hash, moved_at)
  select lpad(to_hex(i), 32, '0')::uuid, 'u' || i || '@bench.test', 'Person ' || i, '+8210' || lpad((i % 100000000)::text, 8, '0'),
    '$argon2id$v=19$m=19456,t=2,p=1$' || md5(i::text) || '$' || md5((-i)::text), $2::timestamptz - interval '100 days'
  from generate_series(1, $1::int) i where i % 100 between 81 and 86;

  insert into login_events (user_id, email, ip, user_agent, success, reason, created_at)
  select lpad(to_hex(i), 32, '0')::uuid, 'u' || i || '@bench.test', '10.0.' || (i % 250) || '.' || (i % 200), 'Mozilla/5.0 (bench)',
    i % 7 <> 0, case when i % 7 = 0 then 'wrong_password' else 'ok' end, c
  from (select i, $2::timestamptz - random() * 500 * interval '1 day' as c from generate_series(1, $1::int) i) e order by c;

  insert into auth_tokens (user_id, purpose, token_hash, expires_at, used_at)
  select lpad(to_hex(i), 32, '0')::uuid, 'verify_email', md5(i::text) || md5((i * 31)::text),
    $2::timestamptz + (random() - 0.5) * interval '2 days', case when i % 40 = 0 then $2::timestamptz - interval '1 hour' end
  from generate_series(10, $1::int, 10) i;

  insert into rate_limit_hits (key, created_at)
  select 'login:ip:10.0.' || (i % 250), c
  from (select i, $2::timestamptz - random() * interval '2 days' as c from generate_series(1, $1::int / 10) i) h order by c;

  insert into admin_audit (action, target, created_at)
  select 'user.view', 'user:' || i, c
  from (select i, $2::timestamptz - random() * 730 * interval '1 day' as c from generate_series(1, $1::int / 100) i) a order by c;

  insert into mail_outbox (to_address, template, props, locale, status, dedupe_key, created_at, sent_at)
  select 'u' || i || '@bench.test', 'verify-email', null, 'en', 'sent', 'bench/' || i, c, c + interval '1 minute'
  from (select i, $2::timestamptz - random() * 60 * interval '1 day' as c from generate_series(1, $1::int / 10) i) m order by c;
`;

type StepTiming = { rows: number; ms: number };

/** The real sweep, in this process, with its wall time per step (taken from the after-batch hook). */
async function measureSweep(url: string) {
  process.env.DATABASE_URL = url;
  process.env.AUTH_SECRET = BENCH_SECRET;
  const { runSweep } = await import('@/lib/retention/run-sweep');
  const { closeDb, ensureDatabase } = await import('@/db');
  await ensureDatabase();
  const steps: Record<string, StepTiming> = {};
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const started = performance.now();
  let mark = started;
  const result = await runSweep({
    now,
    trigger: 'cli',
    timeBudgetMs: 3_600_000,
    drainMs: 0,
    afterBatch: ({ step, count }) => {
      const at = performance.now();
      steps[step] ??= { rows: 0, ms: 0 };
      steps[step].rows += count;
      steps[step].ms += at - mark;
      mark = at;
    },
  });
  const total = performance.now() - started;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  await closeDb();
  if (result.status !== 'finished') throw new Error(`sweep did not finish: ${JSON.stringify(result)}`);
  return { steps, total, peakRss };
}

const iso = (date: Date) => date.toISOString();
const before = (days: number) => iso(new Date(now.getTime() - days * DAY));

/** The same writes as the sweep, each step one hand-written statement over all its rows. */
function setBasedStatements(): Array<[string, string, unknown[]]> {
  const keys = hmacKeysFor(BENCH_SECRET);
  const hmac = (value: string) =>
    `encode(sha256(decode('${keys.outerHex}', 'hex') || sha256(decode('${keys.innerHex}', 'hex') || convert_to(${value}, 'UTF8'))), 'hex')`;
  const appUrl = 'http://localhost:3000';
  const deleteAccounts = (where: string, mail: boolean) => `
    with picked as (
      select u.id, coalesce(d.email, u.email) as email, coalesce(d.name, u.name) as name, u.locale
      from users u left join dormant_accounts d on d.user_id = u.id where ${where}
    ), mailed as (
      insert into mail_outbox (to_address, template, props, locale, dedupe_key)
      select email, 'account-deleted', jsonb_build_object('name', name, 'deletedAt', $2::text), coalesce(locale, 'en'), 'account-deleted/' || id
      from picked where ${mail ? 'email is not null' : 'false'}
    ), pseudonymised as (
      update login_events e set email = ${hmac('e.email')} from picked p where e.user_id = p.id and e.email is not null
    )
    delete from users u using picked p where u.id = p.id`;
  return [
    [
      'unverifiedDeletion',
      deleteAccounts(
        `u.email_verified_at is null and u.status = 'active' and u.role <> 'admin' and u.created_at <= $1::timestamptz and not exists (select 1 from accounts a where a.user_id = u.id)`,
        false,
      ),
      [before(settings.unverifiedDays), iso(now)],
    ],
    [
      'dormancyWarning',
      `with picked as (
        select id, email, name, locale, coalesce(last_login_at, created_at) as last_active from users
        where status = 'active' and role <> 'admin' and email is not null
          and coalesce(last_login_at, created_at) <= $1::timestamptz and coalesce(last_login_at, created_at) > $2::timestamptz
          and dormancy_warned_at is distinct from coalesce(last_login_at, created_at)
      ), mailed as (
        insert into mail_outbox (to_address, template, props, locale, dedupe_key)
        select email, 'dormancy-warning', jsonb_build_object('name', name, 'dormancyDate', to_char((last_active + interval '365 days') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'loginUrl', '${appUrl}/login'),
          coalesce(locale, 'en'), 'dormancy-warning/' || id || '/' || to_char(last_active at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
        from picked
      )
      update users u set dormancy_warned_at = p.last_active from picked p where u.id = p.id`,
      [before(settings.dormancyDays - settings.noticeDays), before(settings.dormancyDays)],
    ],
    [
      'dormancy',
      `with picked as (
        select id, email, name, phone, password_hash, locale, coalesce(last_login_at, created_at) as last_active from users u
        where status = 'active' and role <> 'admin' and email is not null and coalesce(last_login_at, created_at) <= $1::timestamptz
      ), moved as (
        insert into dormant_accounts (user_id, email, name, phone, password_hash, moved_at)
        select id, email, name, phone, password_hash, $2::timestamptz from picked
      ), tokens as (
        delete from auth_tokens t using picked p where t.user_id = p.id
      ), mailed as (
        insert into mail_outbox (to_address, template, props, locale, dedupe_key)
        select email, 'dormant-notice', jsonb_build_object('name', name, 'dormantAt', $2::text, 'purgeDate', $3::text, 'loginUrl', '${appUrl}/login'),
          coalesce(locale, 'en'), 'dormant-notice/' || id || '/' || to_char(last_active at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
        from picked
      )
      update users u set email = null, name = null, phone = null, password_hash = null, status = 'dormant', dormant_at = $2::timestamptz,
        session_version = u.session_version + 1
      from picked p where u.id = p.id`,
      [before(settings.dormancyDays), iso(now), iso(new Date(now.getTime() + settings.purgeDays * DAY))],
    ],
    ['withdrawnDeletion', deleteAccounts(`u.status = 'withdrawn' and u.role <> 'admin' and u.withdrawn_at <= $1::timestamptz`, true), [before(settings.graceDays), iso(now)]],
    ['dormantDeletion', deleteAccounts(`u.status = 'dormant' and u.role <> 'admin' and u.dormant_at <= $1::timestamptz`, true), [before(settings.purgeDays), iso(now)]],
    [
      'passwordExpiry',
      `with picked as (
        select id, email, name, locale, coalesce(password_changed_at, created_at) as changed_at from users
        where status = 'active' and password_expired = false and password_hash is not null and role <> 'admin'
          and coalesce(password_changed_at, created_at) <= $1::timestamptz
      ), mailed as (
        insert into mail_outbox (to_address, template, props, locale, dedupe_key)
        select email, 'password-expired', jsonb_build_object('name', name, 'maxAgeDays', 60, 'changeUrl', '${appUrl}/account/password'),
          coalesce(locale, 'en'), 'password-expired/' || id || '/' || to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
        from picked where email is not null
      )
      update users u set password_expired = true from picked p where u.id = p.id`,
      [before(settings.passwordDays)],
    ],
    ['purgeAuthTokens', `delete from auth_tokens where used_at is not null or expires_at <= $1::timestamptz`, [iso(now)]],
    ['purgeLoginEvents', `delete from login_events where created_at < $1::timestamptz`, [before(settings.loginDays)]],
    ['purgeRateLimitHits', `delete from rate_limit_hits where created_at < $1::timestamptz`, [before(1)]],
    ['purgeAdminAudit', `delete from admin_audit where created_at < $1::timestamptz`, [before(settings.auditDays)]],
    ['purgeSentMail', `delete from mail_outbox where status = 'sent' and sent_at < $1::timestamptz`, [before(settings.mailDays)]],
  ];
}

async function measureSetBased(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const steps: Record<string, StepTiming> = {};
  const started = performance.now();
  try {
    for (const [name, statement, parameters] of setBasedStatements()) {
      const at = performance.now();
      const result = await client.unsafe(statement, parameters as never[]);
      steps[name] = { rows: result.count, ms: performance.now() - at };
    }
  } finally {
    await client.end();
  }
  return { steps, total: performance.now() - started };
}

/** What a per-row ORM loop does: fetch the candidates, then one account (or row) at a time. */
async function measureRowLoop(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  let rows = 0;
  const mail = (to: string, template: string, props: object, locale: string | null, key: string) =>
    sql`insert into mail_outbox (to_address, template, props, locale, dedupe_key) values (${to}, ${template}, ${sql.json(props as never)}, ${locale ?? 'en'}, ${key}) on conflict (dedupe_key) do nothing`;
  const forget = async (id: string) => {
    for (const event of await sql`select id, email from login_events where user_id = ${id}`) {
      await sql`update login_events set email = ${keyedHash(BENCH_SECRET, event.email)} where id = ${event.id}`;
    }
  };
  try {
    for (const { id } of await sql`select id from users where email_verified_at is null and status = 'active' and role <> 'admin' and created_at <= ${before(7)}`) {
      await forget(id);
      await sql`delete from users where id = ${id}`;
      rows++;
    }
    for (const { id } of await sql`select id from users where status = 'active' and role <> 'admin' and coalesce(last_login_at, created_at) <= ${before(335)} and coalesce(last_login_at, created_at) > ${before(365)} and dormancy_warned_at is null`) {
      const [user] = await sql`select * from users where id = ${id}`;
      const lastActive: Date = user.last_login_at ?? user.created_at;
      await sql`update users set dormancy_warned_at = ${lastActive} where id = ${id}`;
      await mail(user.email, 'dormancy-warning', { name: user.name, dormancyDate: new Date(lastActive.getTime() + 365 * DAY), loginUrl: '/login' }, user.locale, `dormancy-warning/${id}/${lastActive.toISOString()}`);
      rows++;
    }
    for (const { id } of await sql`select id from users where status = 'active' and role <> 'admin' and coalesce(last_login_at, created_at) <= ${before(365)}`) {
      const [user] = await sql`select * from users where id = ${id}`;
      await sql`insert into dormant_accounts (user_id, email, name, phone, password_hash) values (${id}, ${user.email}, ${user.name}, ${user.phone}, ${user.password_hash})`;
      await sql`update users set email = null, name = null, phone = null, password_hash = null, status = 'dormant', dormant_at = ${now}, session_version = session_version + 1 where id = ${id}`;
      await sql`delete from auth_tokens where user_id = ${id}`;
      await mail(user.email, 'dormant-notice', { name: user.name, dormantAt: now }, user.locale, `dormant-notice/${id}`);
      rows++;
    }
    for (const [status, column, days] of [['withdrawn', 'withdrawn_at', 60], ['dormant', 'dormant_at', 60]] as const) {
      for (const { id } of await sql`select id from users where status = ${status} and role <> 'admin' and ${sql(column)} <= ${before(days)}`) {
        const [user] = await sql`select * from users where id = ${id}`;
        const [dormant] = await sql`select * from dormant_accounts where user_id = ${id}`;
        await mail(dormant?.email ?? user.email, 'account-deleted', { name: dormant?.name ?? user.name, deletedAt: now }, user.locale, `account-deleted/${id}`);
        await forget(id);
        await sql`delete from users where id = ${id}`;
        rows++;
      }
    }
    for (const { id } of await sql`select id from users where status = 'active' and password_expired = false and password_hash is not null and role <> 'admin' and coalesce(password_changed_at, created_at) <= ${before(60)}`) {
      const [user] = await sql`select * from users where id = ${id}`;
      await sql`update users set password_expired = true where id = ${id}`;
      await mail(user.email, 'password-expired', { name: user.name, maxAgeDays: 60 }, user.locale, `password-expired/${id}`);
      rows++;
    }
    const purges: Array<[string, string, string]> = [
      ['auth_tokens', 'used_at is not null or expires_at <= $1', iso(now)],
      ['login_events', 'created_at < $1', before(365)],
      ['rate_limit_hits', 'created_at < $1', before(1)],
      ['admin_audit', 'created_at < $1', before(365)],
      ['mail_outbox', `status = 'sent' and sent_at < $1`, before(30)],
    ];
    for (const [table, where, cutoff] of purges) {
      for (const { id } of await sql.unsafe(`select id from ${table} where ${where}`, [cutoff])) {
        await sql.unsafe(`delete from ${table} where id = $1`, [id]);
        rows++;
      }
    }
  } finally {
    await sql.end();
  }
  return { rows, total: performance.now() - started };
}

/** The sweep in a child process (its configuration is its own), against `url`. */
async function measureSweepElsewhere(url: string): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', './scripts/preload.mjs', 'bench/sweep-once.ts', now.toISOString()], {
    env: { ...process.env, DATABASE_URL: url, AUTH_SECRET: BENCH_SECRET, NODE_ENV: 'production', LOCAL_MAILBOX: 'on', LOCAL_SMS_INBOX: 'on' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return (JSON.parse(stdout.trim().split('\n').pop()!) as { total: number }).total;
}

/** The median round trip of `select 1` over `url`. */
async function measureRoundTrip(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select 1`;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await sql`select 1`;
      times.push(performance.now() - started);
    }
    return percentile(times.sort((a, b) => a - b), 50);
  } finally {
    await sql.end();
  }
}

/** `url` with its host and port replaced by the proxy's. */
function throughProxy(url: string, port: number): string {
  return Object.assign(new URL(url), { hostname: '127.0.0.1', port: String(port) }).toString();
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (rows: number, ms: number) => (ms > 0 ? Math.round((rows / ms) * 1000).toLocaleString('en') : '-');
const pad = (value: string | number, width: number) => String(value).padStart(width);

try {
  console.log(`retention sweep benchmark: ${users.toLocaleString('en')} accounts, row-loop sample ${sample.toLocaleString('en')}`);
  await seedDatabase(`${tag}_seed`, users);
  const sweepUrl = await createDatabase(`${tag}_sweep`, `${tag}_seed`);
  const setBasedUrl = await createDatabase(`${tag}_set`, `${tag}_seed`);

  const networkSweepUrl = roundTripMs > 0 ? await createDatabase(`${tag}_sweep_net`, `${tag}_seed`) : null;

  const sweep = await measureSweep(sweepUrl);
  const setBased = await measureSetBased(setBasedUrl);
  await seedDatabase(`${tag}_sample`, sample);
  const loop = await measureRowLoop(urlOf(`${tag}_sample`));
  const loopScaled = loop.total * (users / sample);

  // Over a network: the loop pays a round trip per statement, the sweep a few per batch. The loop
  // runs on a fifth of the sample there (each statement costs a round trip), scaled the same way.
  let network: { roundTrip: number; loopbackRoundTrip: number; sweep: number; loopScaled: number; loopAccounts: number } | null = null;
  if (networkSweepUrl) {
    const target = new URL(serverUrl);
    const proxy = await startLatencyProxy({ host: target.hostname, port: Number(target.port || 5432) }, roundTripMs);
    try {
      const loopbackRoundTrip = await measureRoundTrip(networkSweepUrl);
      const roundTrip = await measureRoundTrip(throughProxy(networkSweepUrl, proxy.port));
      const networkSweep = await measureSweepElsewhere(throughProxy(networkSweepUrl, proxy.port));
      const loopAccounts = Math.max(100, Math.floor(sample / 5));
      await seedDatabase(`${tag}_sample_net`, loopAccounts);
      const networkLoop = await measureRowLoop(throughProxy(urlOf(`${tag}_sample_net`), proxy.port));
      network = { roundTrip, loopbackRoundTrip, sweep: networkSweep, loopScaled: networkLoop.total * (users / loopAccounts), loopAccounts };
    } finally {
      await proxy.close();
    }
  }

  const rows = Object.entries(sweep.steps).map(([name, timing]) => {
    const base = setBased.steps[name] ?? { rows: 0, ms: 0 };
    return { name, rows: timing.rows, sweepMs: Math.round(timing.ms), setMs: Math.round(base.ms), setRows: base.rows, ratio: base.ms > 0 ? timing.ms / base.ms : NaN };
  });
  const versusBound = sweep.total / setBased.total;
  const versusLoop = loopScaled / sweep.total;
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const ratio = (value: number) => (Number.isNaN(value) ? '-' : value.toFixed(2));

  console.log(`\n${'step'.padEnd(20)}${pad('rows', 10)}${pad('sweep ms', 11)}${pad('rows/s', 11)}${pad('set ms', 10)}${pad('rows/s', 11)}${pad('ratio', 7)}`);
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(20)}${pad(row.rows.toLocaleString('en'), 10)}${pad(row.sweepMs, 11)}${pad(rate(row.rows, row.sweepMs), 11)}` +
        `${pad(row.setMs, 10)}${pad(rate(row.setRows, row.setMs), 11)}${pad(ratio(row.ratio), 7)}`,
    );
  }
  const lines = [
    `sweep (runSweep, batches of ${process.env.SWEEP_BATCH_SIZE ?? 2000}): ${seconds(sweep.total)}`,
    `set-based lower bound: ${seconds(setBased.total)}; the sweep takes ${versusBound.toFixed(2)}x the lower bound (goal <= 3x)`,
    `row-by-row loop: ${seconds(loop.total)} for ${sample.toLocaleString('en')} accounts (${loop.rows.toLocaleString('en')} rows), ` +
      `scaled to ${users.toLocaleString('en')}: ${seconds(loopScaled)}; the sweep is ${versusLoop.toFixed(0)}x faster (goal >= 50x)`,
    `peak RSS during the sweep: ${mb(sweep.peakRss)} MB (goal < 256 MB); process max RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
    `the set-based lower bound itself is ${(loopScaled / setBased.total).toFixed(0)}x faster than the loop on loopback (round trip ${network ? network.loopbackRoundTrip.toFixed(3) : '-'} ms): no sweep can beat that ratio here`,
    ...(network
      ? [
          `over a ${network.roundTrip.toFixed(2)} ms round trip (proxy, nominal ${roundTripMs} ms): sweep ${seconds(network.sweep)}; row loop ${seconds(network.loopScaled)} ` +
            `(${network.loopAccounts.toLocaleString('en')} accounts, scaled); the sweep is ${(network.loopScaled / network.sweep).toFixed(0)}x faster`,
        ]
      : []),
  ];
  console.log(`\n${lines.join('\n')}`);
  const mismatched = rows.filter((row) => row.rows !== row.setRows);
  if (mismatched.length) console.log(`note: row counts differ from the set-based run for ${mismatched.map((row) => row.name).join(', ')}`);

  saveResult('sweep', {
    command: `npm run bench:sweep -- --users ${users} --rtt-ms ${roundTripMs}`,
    summary:
      `${users.toLocaleString('en')} accounts: sweep ${seconds(sweep.total)} = ${versusBound.toFixed(2)}x the set-based lower bound (goal <= 3x); ` +
      `${versusLoop.toFixed(0)}x faster than a row-by-row loop on loopback (goal >= 50x)` +
      (network ? `, ${(network.loopScaled / network.sweep).toFixed(0)}x over a ${network.roundTrip.toFixed(1)} ms network round trip` : '') +
      `; peak RSS ${mb(sweep.peakRss)} MB (goal < 256 MB)`,
    markdown: [
      '| step | rows | sweep ms | rows/s | set-based ms | rows/s | ratio |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (row) =>
          `| ${row.name} | ${row.rows.toLocaleString('en')} | ${row.sweepMs} | ${rate(row.rows, row.sweepMs)} | ${row.setMs} | ${rate(row.setRows, row.setMs)} | ${ratio(row.ratio)} |`,
      ),
      '',
      ...lines.map((line) => `- ${line}`),
    ].join('\n'),
    data: {
      users,
      sample,
      sweepMs: sweep.total,
      setBasedMs: setBased.total,
      rowLoopSampleMs: loop.total,
      rowLoopScaledMs: loopScaled,
      peakRssBytes: sweep.peakRss,
      network,
      steps: rows,
    },
  });
} finally {
  for (const name of created.reverse()) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
