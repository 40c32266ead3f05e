// bench/load.ts — load on the built app (`next start`) over a fresh local PostgreSQL database.
// Every goal of issue 18 beside its floor, measured in the same run at 20 and 50 clients:
// - the public pages (/, /login, /signup, /forgot-password, /terms, /privacy) in English and Korean
//   against a prerendered page of the smallest App Router app (bench/next-floor): throughput ≥ 60 %,
//   p95 ≤ 2×;
// - the signed-in pages (/account, /account/password, /admin/logins) against the floor app's page
//   rendered per request: throughput ≥ 50 %, p95 ≤ 2×;
// - the login action against 1 / (1/A + 1/F), A = Argon2id verifications a second with the app's
//   parameters on all cores, F = an empty server action's rate on the floor app: ≥ 80 %;
// - zero errors; and each page's first-load JavaScript (the scripts its HTML loads, gzip).
// Each goal row is followed by its floor's run on the floor app, which runs beside the app (idle
// while the app is loaded), so the two runs of a ratio are seconds apart, not minutes: this machine's
// own speed drifts by a third within a quarter of an hour. Each target, the floor's too, is loaded
// unmeasured for WARM_UP_SECONDS before its first measured run (bench/http.ts warmUp).
// Needs `npm run build` first. 127.0.0.1 only.
// Each target also runs on a second instance connected through PgBouncer in transaction mode (as
// behind Supavisor or Neon's pooled URL), same database, taking turns (runOnBoth); the pooled one
// should keep within 10 % of the direct throughput, with no errors (issue 20). --no-pooled skips it.
// With --compare-with <dir> (a built checkout of another commit, e.g. the one before a change), GET
// /account is also measured on that build, over its own fresh database, alternating the two builds
// three times at each client count so both see the same machine, with the app's CPU time per
// request from /proc (the fairer figure on a shared machine); --account-only skips the rest.
// --only <text> measures only the targets whose name contains it (e.g. `--only /admin/logins`), to look
// closer at one row; the floors and first-load JS still run.
// Usage: npm run bench:load [-- --seconds 10 --users 400 --no-pooled --only <text>]
//        npm run bench:load -- --compare-with ../base --account-only
import { hash } from '@node-rs/argon2';
import type autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { ARGON2_OPTIONS } from '@/lib/auth/password-hash';
import { startAppServer } from '../tests/support/app-server';
import { startFakeResend } from '../tests/support/fake-resend';
import { startPgBouncer, type PgBouncer } from '../tests/support/pgbouncer';
import { freePort } from '../tests/support/ports';
import { freshTotpCode, giveAuthenticator } from '../tests/e2e/fixtures/two-step';
import { actionFormFields, actionPostOptions, firstLoadJs, knowReturningBrowser, RETURNING_BROWSER, measureArgon2, run, runMeasuringCpu, warmUp, sessionCookie, twoStepSessionCookie, type MeasuredRow, type Row } from './http';
import { argValue, BENCH_TWO_STEP_ENCRYPTION_KEY, benchAppEnv, freshBenchDatabase, machine, saveResult } from './support';

const seconds = Number(argValue('seconds', '10'));
const userCount = Number(argValue('users', '400'));
const pooled = !process.argv.includes('--no-pooled');
const compareWith = argValue('compare-with', '');
const accountOnly = process.argv.includes('--account-only');
const only = argValue('only', '');
const COMPARE_ROUNDS = 3;
const CLIENTS = [20, 50];
const PASSWORD = 'load-test password 1';
const ADMIN_EMAIL = 'admin@bench.test';

const PUBLIC_PAGES = ['/', '/login', '/signup', '/forgot-password', '/terms', '/privacy'];
const SIGNED_IN_PAGES = [
  { page: '/account', as: 'user' },
  { page: '/account/password', as: 'user' },
  { page: '/admin/logins', as: 'admin' },
] as const;
const LANGUAGES = { en: 'en-US,en;q=0.9', ko: 'ko-KR,ko;q=0.9' } as const;

type Path = 'direct' | 'PgBouncer';
type App = { path: Path; url: string; pid: number; stop: () => Promise<void> };
type Session = { form: Record<string, string>; user: string; admin: string };
type Kind = 'public' | 'signed-in' | 'login';
/** A row measured in turns (runOnBoth) keeps each turn's rate. */
type TurnRow = Row & { turns?: number[] };
/** A measured row of the app (path set), or the floor's run right after one (`pairedWith` its target). */
type GoalRow = TurnRow & { kind?: Kind; pairedWith?: string };

async function startApp(path: Path, databaseUrl: string, resendUrl: string, dir?: string): Promise<App> {
  const port = await freePort();
  const app = await startAppServer({
    port,
    dir,
    log: process.env.LOAD_APP_LOG === '1',
    env: benchAppEnv(port, databaseUrl, { RESEND_API_KEY: 're_bench_fake', RESEND_BASE_URL: resendUrl }),
  });
  return { path, url: app.url, pid: app.process.pid ?? 0, stop: app.stop };
}

/** The admin's authenticator app (every instance shares one database, so one secret). */
let adminTotpSecret = '';

/** `userCount` verified accounts and one admin with an authenticator app, all with PASSWORD; their emails. */
async function seedAccounts(databaseUrl: string): Promise<string[]> {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  try {
    const passwordHash = await hash(PASSWORD, ARGON2_OPTIONS);
    const emails = Array.from({ length: userCount }, (_, i) => `load-${i}@bench.test`);
    await sql`
      insert into users (email, name, password_hash, email_verified_at, password_changed_at)
      select e, 'Load ' || ordinality, ${passwordHash}, now(), now() from unnest(${emails}::text[]) with ordinality as e`;
    await knowReturningBrowser(sql, emails);
    const [admin] = await sql<{ id: string }[]>`
      insert into users (email, name, role, password_hash, email_verified_at, password_changed_at)
      values (${ADMIN_EMAIL}, 'Admin', 'admin', ${passwordHash}, now(), now()) returning id`;
    adminTotpSecret = await giveAuthenticator(sql, admin.id, BENCH_TWO_STEP_ENCRYPTION_KEY);
    return emails;
  } finally {
    await sql.end();
  }
}

async function signIn(app: App, emails: string[]): Promise<Session> {
  const form = await actionFormFields(`${app.url}/login`, 'password');
  return { form, user: await sessionCookie(app.url, form, emails[0], PASSWORD), admin: await twoStepSessionCookie(app.url, form, ADMIN_EMAIL, PASSWORD, () => freshTotpCode(adminTotpSecret)) };
}

function loginAction(app: App, session: Session, emails: string[], connections: number): autocannon.Options {
  let next = 0;
  return actionPostOptions(`${app.url}/login`, app.url, connections, session.form, () => ({ email: emails[next++ % emails.length], password: PASSWORD }), RETURNING_BROWSER);
}

/** A signed-in page that redirects (to /login, or an admin to /account/security) would measure the redirect. */
async function expectSignedInPages(app: App, session: Session): Promise<void> {
  for (const { page, as } of SIGNED_IN_PAGES) {
    const response = await fetch(`${app.url}${page}`, { headers: { cookie: session[as] }, redirect: 'manual' });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${page} as the ${as} answered ${response.status} ${response.headers.get('location') ?? ''} on the ${app.path} instance`);
  }
}

async function main() {
  const database = await freshBenchDatabase();
  // The floor app is built first and keeps running beside the app, idle while the app is loaded:
  // each goal row is followed by its floor's run (floor.pairedRun), so both see the machine as it was.
  const floor = await startNextFloor();
  const resend = await startFakeResend();
  const bouncer: PgBouncer | null = pooled && !accountOnly ? await startPgBouncer(database.url) : null;
  const apps: App[] = [await startApp('direct', database.url, resend.url)];
  let base: { app: App; session: Session; drop: () => Promise<void> } | null = null;
  try {
    if (bouncer) apps.push(await startApp('PgBouncer', `${bouncer.url}?pgbouncer=true`, resend.url));
    const emails = await seedAccounts(database.url);
    const sessions = new Map<Path, Session>();
    for (const app of apps) sessions.set(app.path, await signIn(app, emails));
    for (const app of apps) await expectSignedInPages(app, sessions.get(app.path)!);
    if (compareWith) {
      const baseDatabase = await freshBenchDatabase();
      const app = await startApp('direct', baseDatabase.url, resend.url, compareWith);
      base = { app, session: await signIn(app, await seedAccounts(baseDatabase.url)), drop: () => baseDatabase.drop() };
    }
    if (base) printComparison(await compareAccount(apps[0], sessions.get('direct')!, base.app, base.session));
    if (accountOnly) return;

    const argon2 = await measureArgon2(await hash(PASSWORD, ARGON2_OPTIONS), PASSWORD, 5);
    console.log(`Argon2id (m=${ARGON2_OPTIONS.memoryCost} KiB, t=${ARGON2_OPTIONS.timeCost}, p=${ARGON2_OPTIONS.parallelism}): ${argon2.toFixed(1)} verifications/s on ${os.availableParallelism()} cores`);
    const bundles = await measureFirstLoadJs(apps[0], sessions.get('direct')!);

    const rows: GoalRow[] = [];
    const measure = async (kind: Kind, target: string, optionsFor: (app: App) => autocannon.Options, connections: number) => {
      const measured = await runOnBoth(apps, target, optionsFor);
      rows.push(...measured.map((row) => ({ ...row, kind })));
      if (measured.length) rows.push({ ...(await floor.pairedRun(kind, connections)), kind, pairedWith: target });
    };
    for (const connections of CLIENTS) {
      for (const page of PUBLIC_PAGES) {
        for (const [language, acceptLanguage] of Object.entries(LANGUAGES)) {
          await measure('public', `GET ${page} (${language})`, (app) => ({ url: `${app.url}${page}`, connections, headers: { 'accept-language': acceptLanguage } }), connections);
        }
      }
      for (const { page, as } of SIGNED_IN_PAGES) {
        await measure('signed-in', `GET ${page}`, (app) => ({ url: `${app.url}${page}`, connections, headers: { cookie: sessions.get(app.path)![as] } }), connections);
      }
      await measure('login', 'POST login action', (app) => loginAction(app, sessions.get(app.path)!, emails, connections), connections);
    }
    for (const app of apps.splice(0)) await app.stop();

    const report = [
      `${machine()}; load average ${os.loadavg().map((load) => load.toFixed(1)).join(' ')} at the end; ${seconds} s per target${bouncer ? ' (half direct, half through PgBouncer, taking turns)' : ''}`,
      `Argon2id bound A (app parameters, all cores): ${argon2.toFixed(1)} verifications/s`,
      'Each row is followed by its floor, measured right after it on the floor app (bench/next-floor), which runs beside the app: each ratio is of two runs seconds apart.',
      '',
      goalTable(rows, argon2),
      '',
      floorTable(rows),
      '',
      bundleTable(bundles, floor.bundle),
      ...(bouncer ? ['', poolerTable(rows)] : []),
    ].join('\n');
    console.log(`\n${report}\n`);
    const silent = rows.filter((row) => row.total === 0).map((row) => `${row.target}${row.path ? ` (${row.path})` : ''} c=${row.connections}`);
    const verdict = [
      goalVerdict(rows, argon2),
      `errors ${rows.reduce((sum, row) => sum + row.errors + row.non2xx3xx, 0)} (goal 0)${silent.length ? `; no request completed in time for ${silent.join(', ')}` : ''}`,
      ...(bouncer ? [poolerVerdict(rows)] : []),
    ];
    for (const line of verdict) console.log(line);
    // A partial run (--only) would replace the full table the README and BENCHMARKS.md quote.
    if (only) return;
    saveResult('load', {
      command: `npm run bench:load -- ${process.argv.slice(2).join(' ')}`.trim(),
      summary: verdict.join('; '),
      markdown: report,
      data: { seconds, userCount, pooled: Boolean(bouncer), argon2PerSecond: argon2, rows, floorBundle: floor.bundle, bundles },
    });
  } finally {
    for (const app of apps) await app.stop();
    await floor.stop();
    if (base) {
      await base.app.stop();
      await base.drop();
    }
    await bouncer?.stop();
    await resend.close();
    await database.drop();
  }
}

/** The targets, the app's per instance and the floor's, that had their warm-up already. */
const warmedUp = new Set<string>();

/** warmUp, the first time `key` is measured. */
async function warmUpOnce(key: string, options: autocannon.Options): Promise<void> {
  if (warmedUp.has(key)) return;
  warmedUp.add(key);
  await warmUp(options);
}

/**
 * The same load on the direct and the pooled instance in turns direct, pooled, pooled, direct, so
 * that a machine growing busier or quieter meanwhile (other work on a shared machine) weighs on both
 * alike; repeated for long runs, each turn at least 4 s (a turn much shorter than a slow page's
 * latency at 50 clients counts few whole requests: /admin/logins answers in over a second). With one instance, one run of the
 * full time. Each row keeps its turns' rates, so the table can show how far one instance's own turns
 * differ (the noise the comparison sits in).
 */
async function runOnBoth(apps: App[], target: string, optionsFor: (app: App) => autocannon.Options): Promise<TurnRow[]> {
  if (only && !target.includes(only)) return [];
  for (const app of apps) await warmUpOnce(`${app.path} ${target}`, optionsFor(app));
  if (apps.length === 1) return [await run(target, optionsFor(apps[0]), seconds, apps[0].path)];
  const rounds = Math.max(1, Math.floor(seconds / 16));
  const turnSeconds = seconds / (4 * rounds);
  const turns = new Map<Path, Row[]>();
  for (let round = 0; round < rounds; round += 1) {
    for (const app of [apps[0], apps[1], apps[1], apps[0]]) turns.set(app.path, [...(turns.get(app.path) ?? []), await run(target, optionsFor(app), turnSeconds, app.path)]);
  }
  return [...turns.values()].map((list) => {
    const all = list.reduce((sum, row) => sum + row.total, 0);
    return {
      ...list[0],
      requestsPerSecond: list.reduce((sum, row) => sum + row.requestsPerSecond, 0) / list.length,
      p50: Math.round(list.reduce((sum, row) => sum + row.p50 * row.total, 0) / Math.max(1, all)),
      p95: Math.max(...list.map((row) => row.p95)),
      p99: Math.max(...list.map((row) => row.p99)),
      errors: list.reduce((sum, row) => sum + row.errors, 0),
      non2xx3xx: list.reduce((sum, row) => sum + row.non2xx3xx, 0),
      total: all,
      turns: list.map((row) => row.requestsPerSecond),
    };
  });
}

/** GET /account on this build and on the other, alternating COMPARE_ROUNDS times per client count. */
async function compareAccount(app: App, session: Session, baseApp: App, baseSession: Session): Promise<MeasuredRow[]> {
  const rows: MeasuredRow[] = [];
  for (const connections of CLIENTS) {
    for (let round = 0; round < COMPARE_ROUNDS; round += 1) {
      rows.push(await runMeasuringCpu('GET /account (this build)', app.pid, { url: `${app.url}/account`, connections, headers: { cookie: session.user } }, seconds));
      rows.push(await runMeasuringCpu(`GET /account (${compareWith})`, baseApp.pid, { url: `${baseApp.url}/account`, connections, headers: { cookie: baseSession.user } }, seconds));
    }
  }
  return rows;
}

/**
 * This build against the other, per client count: mean throughput over the alternating rounds, the
 * median p50, and app CPU per request (the fairer figure on a loaded machine).
 */
function printComparison(rows: MeasuredRow[]) {
  for (const connections of CLIENTS) {
    const of = (mine: boolean) => rows.filter((row) => row.connections === connections && row.target.includes('this build') === mine);
    const perSecond = (list: Row[]) => list.reduce((sum, row) => sum + row.requestsPerSecond, 0) / list.length;
    const medianP50 = (list: Row[]) => list.map((row) => row.p50).sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const cpu = (list: MeasuredRow[]) => list.reduce((sum, row) => sum + row.cpuMsPerRequest * row.total, 0) / list.reduce((sum, row) => sum + row.total, 0);
    const [mine, theirs] = [of(true), of(false)];
    const signed = (change: number) => `${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(1)} %`;
    const throughputChange = (perSecond(mine) / perSecond(theirs) - 1) * 100;
    const cpuChange = (cpu(mine) / cpu(theirs) - 1) * 100;
    console.log(
      `GET /account c=${connections}: this build ${perSecond(mine).toFixed(1)} req/s (p50 ${medianP50(mine)} ms, ${cpu(mine).toFixed(2)} ms CPU/request), ${compareWith} ${perSecond(theirs).toFixed(1)} req/s (p50 ${medianP50(theirs)} ms, ${cpu(theirs).toFixed(2)} ms CPU/request): this build's throughput ${signed(throughputChange)}, its CPU per request ${signed(cpuChange)}`,
    );
  }
}

type Floor = {
  /** The floor's run for a row of this kind (the prerendered page, the page rendered per request, the empty action), warmed up at its first. */
  pairedRun: (kind: Kind, connections: number) => Promise<Row>;
  bundle: Bundle;
  stop: () => Promise<void>;
};

const FLOOR_TARGETS: Record<Kind, string> = { public: 'floor: prerendered page', 'signed-in': 'floor: page rendered per request', login: 'floor: empty server action' };

/**
 * The smallest App Router app (bench/next-floor), built and started to run beside the app: a page
 * rendered per request, a prerendered one and an empty server action, each measured on demand.
 */
async function startNextFloor(): Promise<Floor> {
  const dir = 'bench/next-floor';
  // Built from its own folder: Next finds an app's special files from the working directory.
  const build = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], { cwd: dir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`next build ${dir} failed:\n${build.stdout}\n${build.stderr}`);
  const port = await freePort();
  const app = await startAppServer({ port, dir, env: { NODE_ENV: 'production' } });
  try {
    // What Next.js itself ships to a page with no client code of its own.
    const bundle = { page: 'floor: prerendered page', ...(await firstLoadJs(`${app.url}/static`)) };
    const form = await actionFormFields(`${app.url}/action`, 'password');
    const options = (kind: Kind, connections: number): autocannon.Options =>
      kind === 'public'
        ? { url: `${app.url}/static`, connections }
        : kind === 'signed-in'
          ? { url: `${app.url}/dynamic`, connections }
          : actionPostOptions(`${app.url}/action`, app.url, connections, form, () => ({ email: 'a@b.test', password: PASSWORD }));
    const pairedRun = async (kind: Kind, connections: number) => {
      await warmUpOnce(FLOOR_TARGETS[kind], options(kind, connections));
      return run(FLOOR_TARGETS[kind], options(kind, connections), seconds);
    };
    return { pairedRun, bundle, stop: app.stop };
  } catch (error) {
    await app.stop();
    throw error;
  }
}

type Goal = { row: GoalRow; floorPerSecond: number; floorP95: number | null; minRatio: number; throughput: number; latency: number | null; met: boolean };

/** Each direct row against its floor, the floor's run right after it: its kind decides which floor and which bar. */
function goals(rows: GoalRow[], argon2: number): Goal[] {
  return rows
    .filter((row) => row.path === 'direct' && row.kind)
    .map((row) => {
      const reference = rows.find((other) => other.pairedWith === row.target && other.connections === row.connections)!;
      if (row.kind === 'login') {
        const bound = 1 / (1 / argon2 + 1 / reference.requestsPerSecond);
        const throughput = row.requestsPerSecond / bound;
        return { row, floorPerSecond: bound, floorP95: null, minRatio: 0.8, throughput, latency: null, met: throughput >= 0.8 && row.errors + row.non2xx3xx === 0 };
      }
      const minRatio = row.kind === 'public' ? 0.6 : 0.5;
      const throughput = row.requestsPerSecond / reference.requestsPerSecond;
      const latency = row.p95 / Math.max(1, reference.p95);
      return { row, floorPerSecond: reference.requestsPerSecond, floorP95: reference.p95, minRatio, throughput, latency, met: throughput >= minRatio && latency <= 2 && row.errors + row.non2xx3xx === 0 };
    });
}

const percent = (ratio: number) => `${(ratio * 100).toFixed(0)} %`;

function goalTable(rows: GoalRow[], argon2: number): string {
  return [
    '| target | clients | req/s | floor req/s | ratio (goal) | p95 ms | floor p95 ms | p95 ratio (goal ≤ 2×) | errors | goal met |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...goals(rows, argon2).map(
      (goal) =>
        `| ${goal.row.target} | ${goal.row.connections} | ${goal.row.requestsPerSecond.toFixed(1)} | ${goal.floorPerSecond.toFixed(1)}${goal.row.kind === 'login' ? ' (1/(1/A+1/F))' : ''} | ${percent(goal.throughput)} (≥ ${percent(goal.minRatio)}) | ${goal.row.p95} | ${goal.floorP95 ?? ''} | ${goal.latency === null ? '' : `${goal.latency.toFixed(1)}×`} | ${goal.row.errors + goal.row.non2xx3xx} | ${goal.met ? 'yes' : 'no'} |`,
    ),
  ].join('\n');
}

function goalVerdict(rows: GoalRow[], argon2: number): string {
  const all = goals(rows, argon2);
  const missed = all.filter((goal) => !goal.met).map((goal) => `${goal.row.target} c=${goal.row.connections}`);
  return `goals met ${all.length - missed.length}/${all.length}${missed.length ? ` (missed: ${missed.join(', ')})` : ''}`;
}

/** The floor's runs of each kind and client count: how far the machine alone moved it during the run. */
function floorTable(rows: GoalRow[]): string {
  const floorRows = rows.filter((row) => row.pairedWith);
  const groups = new Map<string, GoalRow[]>();
  for (const row of floorRows) groups.set(`${row.target}|${row.connections}`, [...(groups.get(`${row.target}|${row.connections}`) ?? []), row]);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return [
    '| floor (bench/next-floor) | clients | runs | req/s median | slowest | fastest | p95 ms median | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...[...groups.values()].map((list) => {
      const rates = list.map((row) => row.requestsPerSecond);
      const errors = list.reduce((sum, row) => sum + row.errors + row.non2xx3xx, 0);
      return `| ${list[0].target.replace('floor: ', '')} | ${list[0].connections} | ${list.length} | ${median(rates).toFixed(1)} | ${Math.min(...rates).toFixed(1)} | ${Math.max(...rates).toFixed(1)} | ${median(list.map((row) => row.p95))} | ${errors} |`;
    }),
  ].join('\n');
}

type Bundle = { page: string; files: number; bytes: number; gzipBytes: number };

/** First-load JS of every page measured, as the direct instance serves it (English). */
async function measureFirstLoadJs(app: App, session: Session): Promise<Bundle[]> {
  const bundles: Bundle[] = [];
  for (const page of PUBLIC_PAGES) bundles.push({ page, ...(await firstLoadJs(`${app.url}${page}`)) });
  for (const { page, as } of SIGNED_IN_PAGES) bundles.push({ page, ...(await firstLoadJs(`${app.url}${page}`, { cookie: session[as] })) });
  return bundles;
}

function bundleTable(bundles: Bundle[], floor: Bundle): string {
  const over = (bundle: Bundle) => `${(bundle.gzipBytes - floor.gzipBytes).toLocaleString('en')}`;
  return [
    '| page | first-load JS files | bytes | gzip bytes | gzip bytes over the floor |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...[floor, ...bundles].map((bundle) => `| ${bundle.page} | ${bundle.files} | ${bundle.bytes} | ${bundle.gzipBytes} | ${bundle === floor ? '' : over(bundle)} |`),
  ].join('\n');
}

/** Throughput through PgBouncer against the direct connection, per target and client count. */
function pooledRatios(rows: TurnRow[]) {
  return rows
    .filter((row) => row.path === 'PgBouncer')
    .map((pooledRow) => {
      const direct = rows.find((row) => row.path === 'direct' && row.target === pooledRow.target && row.connections === pooledRow.connections)!;
      const turns = direct.turns ?? [direct.requestsPerSecond];
      return {
        label: `${pooledRow.target} c=${pooledRow.connections}`,
        ratio: pooledRow.requestsPerSecond / direct.requestsPerSecond,
        // The slowest of the direct instance's own turns against its fastest: what the machine alone moves.
        directSpread: Math.min(...turns) / Math.max(...turns),
        errors: pooledRow.errors + pooledRow.non2xx3xx,
      };
    });
}

function poolerTable(rows: TurnRow[]): string {
  return [
    '| through PgBouncer | % of direct throughput | direct: slowest turn / fastest | errors |',
    '| --- | ---: | ---: | ---: |',
    ...pooledRatios(rows).map((entry) => `| ${entry.label} | ${percent(entry.ratio)} | ${percent(entry.directSpread)} | ${entry.errors} |`),
  ].join('\n');
}

function poolerVerdict(rows: TurnRow[]): string {
  const ratios = pooledRatios(rows);
  const worst = ratios.reduce((low, entry) => (entry.ratio < low.ratio ? entry : low));
  const median = ratios.map((entry) => entry.ratio).sort((a, b) => a - b)[Math.floor(ratios.length / 2)];
  const errors = ratios.reduce((sum, entry) => sum + entry.errors, 0);
  return `through PgBouncer: median ${percent(median)}, worst ${percent(worst.ratio)} of the direct throughput (${worst.label}, where the direct instance's own turns differed down to ${percent(worst.directSpread)}; goal ≥ 90 %), ${errors} errors (goal 0)`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
