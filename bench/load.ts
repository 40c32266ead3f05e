// bench/load.ts — load on the built app (`next start`) over a fresh local PostgreSQL database.
// GET /login, GET /account (signed in) and the login action at 20 and 50 concurrent clients for a
// fixed time; in the same run, how many Argon2id verifications a second this machine does with the
// app's parameters, which bounds logins a second. Needs `npm run build` first. 127.0.0.1 only.
// The baseline for the page goal, in the same run: the smallest App Router app (bench/next-floor),
// a page rendered per request and a prerendered one, under the same load — what Next.js itself
// costs on this machine before any code of ours runs.
// With --compare-with <dir> (a built checkout of another commit, e.g. the one before a change), GET
// /account is also measured on that build, over its own fresh database, alternating the two builds
// three times at each client count so both see the same machine; --account-only skips the rest.
// Usage: npm run bench:load [-- --seconds 10 --users 400] [--compare-with ../base --account-only]
import { hash, verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { ARGON2_OPTIONS } from '@/lib/auth/password-hash';
import { startAppServer } from '../tests/support/app-server';
import { startFakeResend } from '../tests/support/fake-resend';
import { freePort } from '../tests/support/ports';
import { argValue, benchAppEnv, freshBenchDatabase, machine, saveResult } from './support';

const seconds = Number(argValue('seconds', '10'));
const userCount = Number(argValue('users', '400'));
const PASSWORD = 'load-test password 1';
const compareWith = argValue('compare-with', '');
const accountOnly = process.argv.includes('--account-only');
const COMPARE_ROUNDS = 3;

type Row = { target: string; connections: number; requestsPerSecond: number; p50: number; p95: number; p99: number; errors: number; non2xx3xx: number; total: number };

type Target = { url: string; pid: number; cookie: string; form: Record<string, string>; emails: string[]; stop: () => Promise<void> };

/** A built app on a fresh database with `userCount` verified accounts, and a session cookie of the first. */
async function startTarget(resendUrl: string, dir?: string): Promise<Target> {
  const database = await freshBenchDatabase();
  const port = await freePort();
  const app = await startAppServer({
    port,
    dir,
    log: process.env.LOAD_APP_LOG === '1',
    env: benchAppEnv(port, database.url, { RESEND_API_KEY: 're_bench_fake', RESEND_BASE_URL: resendUrl }),
  });
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const stop = async () => {
    await sql.end();
    await app.stop();
    await database.drop();
  };
  try {
    const passwordHash = await hash(PASSWORD, ARGON2_OPTIONS);
    const emails = Array.from({ length: userCount }, (_, i) => `load-${i}@bench.test`);
    await sql`
      insert into users (email, name, password_hash, email_verified_at, password_changed_at)
      select e, 'Load ' || ordinality, ${passwordHash}, now(), now() from unnest(${emails}::text[]) with ordinality as e`;
    const form = await loginFormFields(app.url);
    const cookie = await sessionCookie(app.url, form, emails[0]);
    return { url: app.url, pid: app.process.pid ?? 0, cookie, form, emails, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function main() {
  const resend = await startFakeResend();
  const app = await startTarget(resend.url);
  const base = compareWith ? await startTarget(resend.url, compareWith) : null;
  try {
    const passwordHash = await hash(PASSWORD, ARGON2_OPTIONS);
    const bound = await measureArgon2(passwordHash, 5);
    console.log(`Argon2id (m=${ARGON2_OPTIONS.memoryCost} KiB, t=${ARGON2_OPTIONS.timeCost}, p=${ARGON2_OPTIONS.parallelism}): ${bound.toFixed(1)} verifications/s on ${os.availableParallelism()} cores`);
    const { form, cookie, emails } = app;

    const rows: Row[] = [];
    const comparison: MeasuredRow[] = [];
    for (const connections of [20, 50]) {
      if (base) {
        for (let round = 0; round < COMPARE_ROUNDS; round += 1) {
          comparison.push(await runMeasuringCpu('GET /account (this build)', app.pid, { url: `${app.url}/account`, connections, headers: { cookie } }));
          comparison.push(await runMeasuringCpu(`GET /account (${compareWith})`, base.pid, { url: `${base.url}/account`, connections, headers: { cookie: base.cookie } }));
        }
      }
      if (accountOnly) continue;
      rows.push(await run('GET /login', { url: `${app.url}/login`, connections }));
      rows.push(await run('GET /account', { url: `${app.url}/account`, connections, headers: { cookie } }));
      let next = 0;
      const origin = app.url;
      rows.push(
        await run('POST login action', {
          url: `${app.url}/login`,
          connections,
          requests: [
            {
              method: 'POST',
              setupRequest: (request: autocannon.Request) => {
                const email = emails[next++ % emails.length];
                const { body, contentType } = multipart({ ...form, email, password: PASSWORD });
                return { ...request, body, headers: { ...request.headers, 'content-type': contentType, origin } };
              },
            },
          ],
        }),
      );
    }
    if (base) printComparison(comparison);
    if (accountOnly) return;

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
    ];
    for (const line of verdict) console.log(line);
    saveResult('load', {
      command: 'npm run bench:load',
      summary: verdict.join('; '),
      markdown: markdownTable(rows, bound),
      data: { seconds, userCount, argon2PerSecond: bound, rows },
    });
  } finally {
    await base?.stop();
    await app.stop();
    await resend.close();
  }
}

type MeasuredRow = Row & { cpuMsPerRequest: number };

/**
 * CPU seconds (user + system) of a process and its descendants, from /proc (Linux). On a shared
 * machine throughput swings with other load; CPU time per request much less so.
 */
function cpuSecondsOf(rootPid: number): number {
  const ticksPerSecond = 100;
  const stats = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
        return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
      } catch {
        return [];
      }
    });
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const stat of stats) {
      if (tree.has(stat.ppid) && !tree.has(stat.pid)) {
        tree.add(stat.pid);
        grew = true;
      }
    }
  }
  return stats.filter((stat) => tree.has(stat.pid)).reduce((sum, stat) => sum + stat.ticks, 0) / ticksPerSecond;
}

async function runMeasuringCpu(target: string, pid: number, options: autocannon.Options): Promise<MeasuredRow> {
  const before = cpuSecondsOf(pid);
  const row = await run(target, options);
  const cpuMsPerRequest = ((cpuSecondsOf(pid) - before) * 1000) / Math.max(1, row.total);
  console.log(`  ${target} c=${row.connections}: ${cpuMsPerRequest.toFixed(2)} ms of app CPU per request`);
  return { ...row, cpuMsPerRequest };
}

/**
 * This build against the other, per client count: mean throughput over the alternating rounds, the
 * median p50, and app CPU per request (the fairer figure on a loaded machine).
 */
function printComparison(rows: MeasuredRow[]) {
  for (const connections of [20, 50]) {
    const of = (mine: boolean) => rows.filter((row) => row.connections === connections && row.target.includes('this build') === mine);
    const perSecond = (list: Row[]) => list.reduce((sum, row) => sum + row.requestsPerSecond, 0) / list.length;
    const medianP50 = (list: Row[]) => list.map((row) => row.p50).sort((a, b) => a - b)[Math.floor(list.length / 2)];
    const cpu = (list: MeasuredRow[]) => list.reduce((sum, row) => sum + row.cpuMsPerRequest * row.total, 0) / list.reduce((sum, row) => sum + row.total, 0);
    const [mine, theirs] = [of(true), of(false)];
    const slower = (1 - perSecond(mine) / perSecond(theirs)) * 100;
    const costlier = (cpu(mine) / cpu(theirs) - 1) * 100;
    console.log(
      `GET /account c=${connections}: this build ${perSecond(mine).toFixed(1)} req/s (p50 ${medianP50(mine)} ms, ${cpu(mine).toFixed(2)} ms CPU/request), ${compareWith} ${perSecond(theirs).toFixed(1)} req/s (p50 ${medianP50(theirs)} ms, ${cpu(theirs).toFixed(2)} ms CPU/request): throughput ${slower.toFixed(1)} % lower, CPU per request ${costlier.toFixed(1)} % higher (goal ≤ 5 %)`,
    );
  }
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

async function run(target: string, options: autocannon.Options): Promise<Row> {
  const result = await autocannon({ duration: seconds, ...options });
  const row: Row = {
    target,
    connections: options.connections ?? 10,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p95: p95Of(result),
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx3xx: result['4xx'] + result['5xx'],
    total: result.requests.total,
  };
  console.log(`${target} c=${row.connections}: ${row.requestsPerSecond.toFixed(1)} req/s, p50 ${row.p50} ms, p95 ${row.p95} ms, p99 ${row.p99} ms, errors ${row.errors + row.non2xx3xx}`);
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
    '| target | clients | req/s | p50 ms | p95 ms | p99 ms | errors | % of Argon2 bound |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.target} | ${row.connections} | ${row.requestsPerSecond.toFixed(1)} | ${row.p50} | ${row.p95} | ${row.p99} | ${row.errors + row.non2xx3xx} | ${row.target.startsWith('POST') ? `${((row.requestsPerSecond / bound) * 100).toFixed(0)} %` : ''} |`,
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
