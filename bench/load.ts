// bench/load.ts — load on the built app (`next start`) over a fresh local PostgreSQL database.
// GET /login, GET /account (signed in) and the login action at 20 and 50 concurrent clients for a
// fixed time; in the same run, how many Argon2id verifications a second this machine does with the
// app's parameters, which bounds logins a second. Needs `npm run build` first. 127.0.0.1 only.
// The baseline for the page goal, in the same run: the smallest App Router app (bench/next-floor),
// a page rendered per request and a prerendered one, under the same load — what Next.js itself
// costs on this machine before any code of ours runs.
// Each target runs on an app connected directly and on a second instance connected through
// PgBouncer in transaction mode (as behind Supavisor or Neon's pooled URL), same database, taking
// turns (runOnBoth); the pooled one should keep within 10 % of the direct throughput, with no errors.
// Usage: npm run bench:load [-- --seconds 10 --users 400]
import { hash, verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { ARGON2_OPTIONS } from '@/lib/auth/password-hash';
import { startAppServer } from '../tests/support/app-server';
import { startFakeResend } from '../tests/support/fake-resend';
import { startPgBouncer } from '../tests/support/pgbouncer';
import { freePort } from '../tests/support/ports';
import { argValue, benchAppEnv, freshBenchDatabase, machine, saveResult } from './support';

const seconds = Number(argValue('seconds', '10'));
const userCount = Number(argValue('users', '400'));
const PASSWORD = 'load-test password 1';

type Path = 'direct' | 'PgBouncer';
type Row = { target: string; path?: Path; connections: number; requestsPerSecond: number; p50: number; p95: number; p99: number; errors: number; non2xx3xx: number; total: number };

async function main() {
  const database = await freshBenchDatabase();
  const resend = await startFakeResend();
  const bouncer = await startPgBouncer(database.url);
  const apps: Array<{ path: Path; url: string; stop: () => Promise<void> }> = [];
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  try {
    for (const [path, databaseUrl] of [
      ['direct', database.url],
      ['PgBouncer', `${bouncer.url}?pgbouncer=true`],
    ] as const) {
      const port = await freePort();
      const app = await startAppServer({
        port,
        log: process.env.LOAD_APP_LOG === '1',
        env: benchAppEnv(port, databaseUrl, { RESEND_API_KEY: 're_bench_fake', RESEND_BASE_URL: resend.url }),
      });
      apps.push({ path, url: app.url, stop: app.stop });
    }
    const passwordHash = await hash(PASSWORD, ARGON2_OPTIONS);
    const emails = Array.from({ length: userCount }, (_, i) => `load-${i}@bench.test`);
    await sql`
      insert into users (email, name, password_hash, email_verified_at, password_changed_at)
      select e, 'Load ' || ordinality, ${passwordHash}, now(), now() from unnest(${emails}::text[]) with ordinality as e`;

    const bound = await measureArgon2(passwordHash, 5);
    console.log(`Argon2id (m=${ARGON2_OPTIONS.memoryCost} KiB, t=${ARGON2_OPTIONS.timeCost}, p=${ARGON2_OPTIONS.parallelism}): ${bound.toFixed(1)} verifications/s on ${os.availableParallelism()} cores`);

    const rows: Row[] = [];
    const sessions = new Map<Path, { form: Record<string, string>; cookie: string }>();
    for (const app of apps) {
      const form = await loginFormFields(app.url);
      sessions.set(app.path, { form, cookie: await sessionCookie(app.url, form, emails[0]) });
    }
    for (const connections of [20, 50]) {
      rows.push(...(await runOnBoth(apps, 'GET /login', (app) => ({ url: `${app.url}/login`, connections }))));
      rows.push(...(await runOnBoth(apps, 'GET /account', (app) => ({ url: `${app.url}/account`, connections, headers: { cookie: sessions.get(app.path)!.cookie } }))));
      rows.push(
        ...(await runOnBoth(apps, 'POST login action', (app) => {
          let next = 0;
          const { form } = sessions.get(app.path)!;
          return {
            url: `${app.url}/login`,
            connections,
            requests: [
              {
                method: 'POST',
                setupRequest: (request: autocannon.Request) => {
                  const email = emails[next++ % emails.length];
                  const { body, contentType } = multipart({ ...form, email, password: PASSWORD });
                  return { ...request, body, headers: { ...request.headers, 'content-type': contentType, origin: app.url } };
                },
              },
            ],
          };
        })),
      );
    }
    for (const app of apps.splice(0)) await app.stop();

    rows.push(...(await measureNextFloor()));
    printTable(rows, bound);
    const logins = rows.filter((row) => row.target === 'POST login action');
    const pages = rows.filter((row) => row.target.startsWith('GET /'));
    const floor = rows.filter((row) => row.target.startsWith('Next.js floor') && row.connections === 50);
    const bestLogin = Math.max(...logins.map((row) => row.requestsPerSecond));
    const verdict = [
      `login throughput ${bestLogin.toFixed(1)}/s = ${((bestLogin / bound) * 100).toFixed(0)} % of the Argon2 bound (goal ≥ 80 %)`,
      `page p95 worst ${Math.max(...pages.map((row) => row.p95))} ms (goal < 100 ms; an empty Next.js page rendered per request: ${floor.find((row) => row.target.includes('per request'))?.p95 ?? '-'} ms, prerendered: ${floor.find((row) => row.target.includes('prerendered'))?.p95 ?? '-'} ms at 50 clients)`,
      `errors ${rows.reduce((sum, row) => sum + row.errors + row.non2xx3xx, 0)} (goal 0)`,
      poolerVerdict(rows),
    ];
    for (const line of verdict) console.log(line);
    saveResult('load', {
      command: 'npm run bench:load',
      summary: verdict.join('; '),
      markdown: markdownTable(rows, bound),
      data: { seconds, userCount, argon2PerSecond: bound, rows },
    });
  } finally {
    await sql.end();
    for (const app of apps) await app.stop();
    await bouncer.stop();
    await resend.close();
    await database.drop();
  }
}

/**
 * The same load on the direct and the pooled instance in the order direct, pooled, pooled, direct,
 * each for half the time, so a machine growing busier or quieter meanwhile weighs on both alike.
 */
async function runOnBoth(apps: Array<{ path: Path; url: string }>, target: string, optionsFor: (app: { path: Path; url: string }) => autocannon.Options): Promise<Row[]> {
  const halves = new Map<Path, Row[]>();
  for (const app of [apps[0], apps[1], apps[1], apps[0]]) {
    halves.set(app.path, [...(halves.get(app.path) ?? []), await run(target, optionsFor(app), app.path, seconds / 2)]);
  }
  return [...halves.values()].map(([first, second]) => ({
    ...first,
    requestsPerSecond: (first.requestsPerSecond + second.requestsPerSecond) / 2,
    p50: Math.round((first.p50 + second.p50) / 2),
    p95: Math.max(first.p95, second.p95),
    p99: Math.max(first.p99, second.p99),
    errors: first.errors + second.errors,
    non2xx3xx: first.non2xx3xx + second.non2xx3xx,
    total: first.total + second.total,
  }));
}

/** Throughput through PgBouncer against the direct connection, per target and client count. */
function poolerVerdict(rows: Row[]): string {
  const ratios = rows
    .filter((row) => row.path === 'PgBouncer')
    .map((pooled) => {
      const direct = rows.find((row) => row.path === 'direct' && row.target === pooled.target && row.connections === pooled.connections)!;
      return { label: `${pooled.target} c=${pooled.connections}`, ratio: pooled.requestsPerSecond / direct.requestsPerSecond };
    });
  const worst = ratios.reduce((low, entry) => (entry.ratio < low.ratio ? entry : low));
  const errors = rows.filter((row) => row.path === 'PgBouncer').reduce((sum, row) => sum + row.errors + row.non2xx3xx, 0);
  return `through PgBouncer: worst ${(worst.ratio * 100).toFixed(0)} % of the direct throughput (${worst.label}; goal ≥ 90 %), ${errors} errors (goal 0)`;
}

/** The smallest App Router app under the same load: a page rendered per request, and a prerendered one. */
async function measureNextFloor(): Promise<Row[]> {
  const dir = 'bench/next-floor';
  // Built from its own folder: Next finds an app's special files from the working directory.
  const build = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build'], { cwd: dir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`next build ${dir} failed:\n${build.stdout}\n${build.stderr}`);
  const port = await freePort();
  const app = await startAppServer({ port, dir, env: { NODE_ENV: 'production' } });
  try {
    const rows: Row[] = [];
    for (const connections of [20, 50]) {
      rows.push(await run('Next.js floor: empty page rendered per request', { url: `${app.url}/dynamic`, connections }));
      rows.push(await run('Next.js floor: prerendered page', { url: `${app.url}/static`, connections }));
    }
    return rows;
  } finally {
    await app.stop();
  }
}

/** Verifications a second with as many in flight as there are cores, for `durationSeconds`. */
async function measureArgon2(passwordHash: string, durationSeconds: number): Promise<number> {
  const deadline = Date.now() + durationSeconds * 1000;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: os.availableParallelism() }, async () => {
      while (Date.now() < deadline) {
        await verify(passwordHash, PASSWORD);
        done += 1;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

/** The hidden fields React renders into the login form so it also works without JavaScript. */
async function loginFormFields(baseUrl: string): Promise<Record<string, string>> {
  const page = await (await fetch(`${baseUrl}/login`)).text();
  // The page has other forms (the language switcher): take the one with the password field.
  const html = [...page.matchAll(/<form[\s\S]*?<\/form>/g)].map((match) => match[0]).find((form) => form.includes('name="password"')) ?? '';
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1] ?? '';
    if (name?.startsWith('$ACTION')) fields[name] = value.replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  }
  if (!Object.keys(fields).length) throw new Error('No server-action fields found in /login');
  return fields;
}

async function sessionCookie(baseUrl: string, form: Record<string, string>, email: string): Promise<string> {
  const { body, contentType } = multipart({ ...form, email, password: PASSWORD });
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, origin: baseUrl },
    redirect: 'manual',
  });
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  const session = cookies.find((cookie) => cookie.includes('session-token'));
  if (!session) throw new Error(`Login for the load test failed (status ${response.status}): ${(await response.text()).match(/role="alert"[^<]*>[^<]*/)?.[0] ?? "no alert"}`);
  return session;
}

function multipart(fields: Record<string, string>): { body: string; contentType: string } {
  const boundary = `----bench${Math.random().toString(16).slice(2)}`;
  const body =
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('') + `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function run(target: string, options: autocannon.Options, path?: Path, duration = seconds): Promise<Row> {
  const result = await autocannon({ duration, ...options });
  const row: Row = {
    target,
    path,
    connections: options.connections ?? 10,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p95: p95Of(result),
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx3xx: result['4xx'] + result['5xx'],
    total: result.requests.total,
  };
  console.log(`${target}${path ? ` (${path})` : ''} c=${row.connections}: ${row.requestsPerSecond.toFixed(1)} req/s, p50 ${row.p50} ms, p95 ${row.p95} ms, p99 ${row.p99} ms, errors ${row.errors + row.non2xx3xx}`);
  return row;
}

/** autocannon reports p90 and p97.5 but not p95: interpolate between them. */
function p95Of(result: autocannon.Result): number {
  const latency = result.latency as unknown as Record<string, number>;
  return latency.p95 ?? Math.round((latency.p90 + latency.p97_5) / 2);
}

function markdownTable(rows: Row[], bound: number): string {
  const lines = [
    `Argon2id bound (app parameters, all cores): **${bound.toFixed(1)} verifications/s**`,
    '',
    '| target | database | clients | req/s | p50 ms | p95 ms | p99 ms | errors | % of Argon2 bound |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.target} | ${row.path ?? ''} | ${row.connections} | ${row.requestsPerSecond.toFixed(1)} | ${row.p50} | ${row.p95} | ${row.p99} | ${row.errors + row.non2xx3xx} | ${row.target.startsWith('POST') ? `${((row.requestsPerSecond / bound) * 100).toFixed(0)} %` : ''} |`,
    ),
  ];
  return lines.join('\n');
}

function printTable(rows: Row[], bound: number) {
  console.log(`\n${machine()}\n${markdownTable(rows, bound)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
