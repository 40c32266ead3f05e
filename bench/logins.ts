// `npm run bench:logins`: the admin login log at scale. Creates a fresh database on the local
// Postgres at DATABASE_URL (refuses any other host), fills login_events with BENCH_ROWS rows
// (default 5,000,000) of a realistic spread over a year, then times the query functions the page
// uses — the first page and the 1,000th page of each filter — and, in the same run, the OFFSET
// query for the same pages. Prints p50/p95 over BENCH_RUNS runs (default 20). Drops the database after
// (unless BENCH_KEEP=1).
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createTestDatabase } from '../tests/support/test-database';
import { saveResult } from './support';

const ROWS = Number(process.env.BENCH_ROWS ?? 5_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PAGE = 50;
const DEEP_PAGE = 1_000;
const GOAL_MS = 50;

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error('Set DATABASE_URL to a local Postgres server, e.g. postgres://postgres@127.0.0.1:5432/postgres');
  process.exit(1);
}
const database = await createTestDatabase(serverUrl);
process.env.DATABASE_URL = database.url;
process.env.AUTH_SECRET ??= 'bench-secret-bench-secret-bench-secret';

const { closeDb, ensureDatabase, getDb, queryRows } = await import('@/db');
const events = await import('@/db/admin-login-events');
const { whereClause } = await import('@/db/keyset');
const { parseLoginFilters } = await import('@/lib/admin/login-filters');

try {
  await ensureDatabase();
  const db = await getDb();
  await fill(db);

  const filters: Array<[string, Record<string, string>]> = [
    ['no filter', {}],
    ['email exact (busy account)', { email: 'victim@example.com' }],
    ['email exact (ordinary account)', { email: 'user4242@example.com' }],
    ['email prefix user4242*', { email: 'user4242*' }],
    ['email prefix user1* (broad)', { email: 'user1*' }],
    ['IP exact (attacker)', { ip: '203.0.113.66' }],
    ['outcome failure', { outcome: 'failure' }],
    ['outcome success', { outcome: 'success' }],
    ['reason locked', { outcome: 'reason:locked' }],
    ['last 30 days', { from: day(-30), to: day(0) }],
    ['failure + IP', { outcome: 'failure', ip: '203.0.113.66' }],
    ['failure + email', { outcome: 'failure', email: 'victim@example.com' }],
    ['failure + last 30 days', { outcome: 'failure', from: day(-30), to: day(0) }],
    ['reason locked + 90 days', { outcome: 'reason:locked', from: day(-90), to: day(0) }],
    ['prefix user1* + failure', { outcome: 'failure', email: 'user1*' }],
  ];

  console.log(`\nlogin_events: ${ROWS.toLocaleString('en')} rows; ${RUNS} runs each; pages of ${PAGE}; goal p95 < ${GOAL_MS} ms\n`);
  const header = ['filter', 'page', 'keyset p50', 'keyset p95', 'OFFSET p50', 'OFFSET p95', 'goal'];
  const table: string[][] = [];
  let misses = 0;
  for (const [name, params] of filters) {
    const { filter } = parseLoginFilters(params, 'Asia/Seoul');
    const conditions = events.loginEventConditions(filter);
    const total = Number(
      (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (select 1 from login_events ${whereClause(conditions)} limit ${DEEP_PAGE * PAGE}) t`))[0].n,
    );
    const deepest = Math.max(1, Math.min(DEEP_PAGE, Math.ceil(total / PAGE)));
    for (const pageNumber of [...new Set([1, deepest])]) {
      const offset = (pageNumber - 1) * PAGE;
      const before = offset ? await cursorAt(db, conditions, offset - 1) : undefined;
      const keyset = await time(() => events.listLoginEvents(filter, { before, limit: PAGE }));
      const offsetQuery = sql`select ${events.loginEventColumns} from login_events ${whereClause(conditions)}
        order by login_events.created_at desc nulls last, login_events.id desc nulls last limit ${PAGE} offset ${offset}`;
      const byOffset = await time(() => queryRows(db, offsetQuery));
      // Same rows both ways, or the comparison means nothing.
      const a = (await events.listLoginEvents(filter, { before, limit: PAGE })).rows.map((row) => row.id);
      const b = (await queryRows<{ id: string }>(db, offsetQuery)).map((row) => Number(row.id));
      if (a.join() !== b.join()) throw new Error(`${name} page ${pageNumber}: keyset and OFFSET pages differ`);
      const ok = keyset.p95 < GOAL_MS;
      if (!ok) misses += 1;
      table.push([name, String(pageNumber), ms(keyset.p50), ms(keyset.p95), ms(byOffset.p50), ms(byOffset.p95), ok ? 'ok' : 'MISS']);
    }
  }
  print(header, table);
  const verdict = misses === 0 ? 'Every keyset page met the goal.' : `${misses} keyset page(s) missed the goal.`;
  console.log(`\n${verdict}`);
  saveResult('logins', {
    command: 'npm run bench:logins',
    summary: `${ROWS.toLocaleString('en')} login events, ${RUNS} runs per page: ${verdict} (goal: keyset p95 < ${GOAL_MS} ms at any depth; OFFSET beside it)`,
    markdown: [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...table.map((row) => `| ${row.join(' | ')} |`)].join('\n'),
    data: { rows: ROWS, runs: RUNS, page: PAGE, table },
  });
} finally {
  await closeDb();
  // BENCH_KEEP=1 leaves the database for EXPLAIN; drop it yourself afterwards.
  if (process.env.BENCH_KEEP === '1') console.log(`kept ${database.url}`);
  else await database.drop();
}

async function fill(db: Awaited<ReturnType<typeof getDb>>) {
  const started = performance.now();
  // Loading without the indexes and building them after is several times faster than maintaining them per row.
  const indexes = await queryRows<{ indexname: string; indexdef: string }>(
    db,
    sql`select indexname, indexdef from pg_indexes where tablename = 'login_events' and indexname <> 'login_events_pkey'`,
  );
  for (const index of indexes) await db.execute(sql.raw(`drop index ${index.indexname}`));
  const chunk = 500_000;
  for (let start = 1; start <= ROWS; start += chunk) {
    const end = Math.min(ROWS, start + chunk - 1);
    // A year of attempts, oldest first. 4% target one account, 5% come from one IP, user ids are
    // skewed (a few busy accounts, a long tail), failures are rare for ordinary traffic.
    await db.execute(sql`
      insert into login_events (email, ip, user_agent, success, reason, provider, created_at)
      select email, ip, ua, success,
             case when success then 'ok'
                  when r4 < 0.70 then 'wrong_password' when r4 < 0.90 then 'unknown_email'
                  when r4 < 0.97 then 'locked' else 'rate_limited' end,
             case when r5 < 0.95 then 'credentials' else 'google' end,
             created_at
      from (
        select email, ip, ua, r4, r5, created_at,
               random() < case when email = 'victim@example.com' then 0.1 when ip = '203.0.113.66' then 0.02 else 0.9 end as success
        from (
          select case when r1 < 0.04 then 'victim@example.com' else 'user' || floor(power(random(), 3) * 200000)::int || '@example.com' end as email,
                 case when r2 < 0.05 then '203.0.113.66' else '10.' || (random() * 255)::int || '.' || (random() * 255)::int || '.' || (random() * 255)::int end as ip,
                 (array['Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Version/17.0 Mobile/15E148 Safari/604.1',
                        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Firefox/132.0', 'curl/8.4.0'])[1 + floor(r3 * 4)::int] as ua,
                 r4, r5,
                 now() - make_interval(secs => (${ROWS}::int - g) * (365.0 * 86400 / ${ROWS}::int)) as created_at
          from (select g, random() r1, random() r2, random() r3, random() r4, random() r5 from generate_series(${start}::int, ${end}::int) g) s
        ) t
      ) u`);
    process.stdout.write(`\rinserted ${end.toLocaleString('en')} rows`);
  }
  console.log(`\ninsert: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const indexed = performance.now();
  await db.execute(sql`set maintenance_work_mem = '512MB'`);
  for (const index of indexes) await db.execute(sql.raw(index.indexdef));
  // A live table has been vacuumed by autovacuum; a freshly loaded one has not (index-only scans need the visibility map).
  await db.execute(sql`vacuum analyze login_events`);
  console.log(`indexes + analyze: ${((performance.now() - indexed) / 1000).toFixed(0)} s`);
}

async function cursorAt(db: Awaited<ReturnType<typeof getDb>>, conditions: ReturnType<typeof events.loginEventConditions>, offset: number) {
  const [row] = await queryRows<Parameters<typeof events.toLoginEventRow>[0]>(
    db,
    sql`select ${events.loginEventColumns} from login_events ${whereClause(conditions)}
        order by login_events.created_at desc nulls last, login_events.id desc nulls last limit 1 offset ${offset}`,
  );
  const { createdAt, id } = events.toLoginEventRow(row);
  return { createdAt, id };
}

async function time(run: () => Promise<unknown>) {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

function day(offsetDays: number) {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function ms(value: number) {
  return `${value.toFixed(1)} ms`;
}

function print(header: string[], rows: string[][]) {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}
