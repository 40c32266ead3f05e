// The HTTP side of the load benchmarks, shared by bench/load.ts's modes: one timed run of
// autocannon (optionally with the app's CPU time per request, from /proc), a server action posted
// as a browser without JavaScript posts it, a session cookie from the login form, first-load JS.
import { verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import type postgres from 'postgres';
import { hashToken } from '@/lib/auth/tokens';

export type Row = {
  target: string;
  path?: string;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx3xx: number;
  total: number;
};

export type MeasuredRow = Row & { cpuMsPerRequest: number };

/** How long a target is loaded, unmeasured, before its first measured run. */
export const WARM_UP_SECONDS = 2;

/**
 * An unmeasured run before a target's first measured one: a server's first requests to a route
 * are slow (its code loads and compiles), and a floor measured cold flatters whatever it is compared with.
 */
export async function warmUp(options: autocannon.Options): Promise<void> {
  await autocannon({ ...options, duration: WARM_UP_SECONDS });
}

/** One run of `durationSeconds` under `options`; its line is printed as it ends. */
export async function run(target: string, options: autocannon.Options, durationSeconds: number, path?: string): Promise<Row> {
  const result = await autocannon({ duration: durationSeconds, ...options });
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

/**
 * CPU seconds (user + system) of a process and its descendants, from /proc (Linux). On a shared
 * machine throughput swings with other load; CPU time per request much less so.
 */
export function cpuSecondsOf(rootPid: number): number {
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

/** As run(), with the CPU time the process `pid` (and its children) spent per request meanwhile. */
export async function runMeasuringCpu(target: string, pid: number, options: autocannon.Options, durationSeconds: number): Promise<MeasuredRow> {
  const before = cpuSecondsOf(pid);
  const row = await run(target, options, durationSeconds);
  const cpuMsPerRequest = ((cpuSecondsOf(pid) - before) * 1000) / Math.max(1, row.total);
  console.log(`  ${target} c=${row.connections}: ${cpuMsPerRequest.toFixed(2)} ms of app CPU per request`);
  return { ...row, cpuMsPerRequest };
}

/** Verifications a second with as many in flight as there are cores, for `durationSeconds`. */
export async function measureArgon2(passwordHash: string, password: string, durationSeconds: number): Promise<number> {
  const deadline = Date.now() + durationSeconds * 1000;
  let done = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: os.availableParallelism() }, async () => {
      while (Date.now() < deadline) {
        await verify(passwordHash, password);
        done += 1;
      }
    }),
  );
  return done / ((Date.now() - started) / 1000);
}

/**
 * The hidden fields React renders into the form that holds a field named `fieldName` on the page
 * at `url`, so the form also works without JavaScript (other forms, such as the language switcher,
 * are skipped).
 */
export async function actionFormFields(url: string, fieldName: string, cookie?: string): Promise<Record<string, string>> {
  const page = await (await fetch(url, { headers: cookie ? { cookie } : {} })).text();
  const html = [...page.matchAll(/<form[\s\S]*?<\/form>/g)].map((match) => match[0]).find((form) => form.includes(`name="${fieldName}"`)) ?? '';
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1] ?? '';
    if (name?.startsWith('$ACTION')) fields[name] = value.replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  }
  if (!Object.keys(fields).length) throw new Error(`No server-action fields found in ${url}`);
  return fields;
}

export function multipart(fields: Record<string, string>): { body: string; contentType: string } {
  const boundary = `----bench${Math.random().toString(16).slice(2)}`;
  const body =
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('') + `--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const RETURNING_DEVICE = 'b'.repeat(43);

/**
 * A person signing in again on their own browser: it sends its device cookie, which the accounts
 * already know (seed them with knowReturningBrowser), so no sign-in is that browser's first: none
 * takes the new-device path (its own transaction, and a "New sign-in" mail rendered and sent),
 * which a real browser takes once per account.
 */
export const RETURNING_BROWSER = { cookie: `device_id=${RETURNING_DEVICE}` };

/** Records RETURNING_BROWSER as a known device of these accounts, as their earlier sign-ins from it would have. */
export async function knowReturningBrowser(sql: postgres.Sql, emails: string[]): Promise<void> {
  await sql`
    insert into known_devices (user_id, device_hash, created_at)
    select id, ${hashToken(RETURNING_DEVICE)}, now() from users where email = any(${emails}::text[])
    on conflict do nothing`;
}

/**
 * autocannon options posting the form's action at `url`, each request with the fields `nextFields`
 * gives (e.g. the next account's email), as a browser without JavaScript posts it.
 */

export function actionPostOptions(
  url: string,
  origin: string,
  connections: number,
  form: Record<string, string>,
  nextFields: () => Record<string, string>,
  headers: Record<string, string> = {},
): autocannon.Options {
  return {
    url,
    connections,
    requests: [
      {
        method: 'POST',
        setupRequest: (request: autocannon.Request) => {
          const { body, contentType } = multipart({ ...form, ...nextFields() });
          return { ...request, body, headers: { ...request.headers, ...headers, 'content-type': contentType, origin } };
        },
      },
    ],
  };
}

/** Posts a form's action as a browser without JavaScript does; the response is not followed. */
async function postForm(url: string, origin: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  const { body, contentType } = multipart(fields);
  return fetch(url, { method: 'POST', body, headers: { 'content-type': contentType, origin, ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
}

const cookiePairs = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);

async function failedLogin(response: Response): Promise<Error> {
  return new Error(`Login for the load test failed (status ${response.status}): ${(await response.text()).match(/role="alert"[^<]*>[^<]*/)?.[0] ?? 'no alert'}`);
}

/** Signs in through the login form's action and returns the session cookie (name=value). */
export async function sessionCookie(baseUrl: string, form: Record<string, string>, email: string, password: string): Promise<string> {
  const response = await postForm(`${baseUrl}/login`, baseUrl, { ...form, email, password });
  const session = cookiePairs(response).find((cookie) => cookie.includes('session-token'));
  if (!session) throw await failedLogin(response);
  return session;
}

/**
 * Signs an account with an authenticator app in: the password on /login, then `code()` on
 * /login/two-step with the ticket cookie the first step set. The session cookie (name=value).
 */
export async function twoStepSessionCookie(baseUrl: string, form: Record<string, string>, email: string, password: string, code: () => Promise<string>): Promise<string> {
  const first = await postForm(`${baseUrl}/login`, baseUrl, { ...form, email, password });
  if (!first.headers.get('location')?.includes('/login/two-step')) throw await failedLogin(first);
  const ticket = cookiePairs(first).join('; ');
  const codeForm = await actionFormFields(`${baseUrl}/login/two-step`, 'code', ticket);
  const second = await postForm(`${baseUrl}/login/two-step`, baseUrl, { ...codeForm, code: await code() }, ticket);
  const session = cookiePairs(second).find((cookie) => cookie.includes('session-token'));
  if (!session) throw await failedLogin(second);
  return session;
}

export async function firstLoadJs(url: string, headers: Record<string, string> = {}): Promise<{ files: number; bytes: number; gzipBytes: number }> {
  const html = await (await fetch(url, { headers })).text();
  // A noModule script (Next's polyfills) is fetched only by browsers without ES modules, none of which React 19 supports.
  const tags = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)].filter((match) => !/\snoModule/i.test(`${match[1]} ${match[3]}`));
  const sources = [...new Set(tags.map((match) => match[2].replaceAll('&amp;', '&')))];
  let bytes = 0;
  let gzipBytes = 0;
  for (const source of sources) {
    const body = Buffer.from(await (await fetch(new URL(source, url))).arrayBuffer());
    bytes += body.length;
    gzipBytes += gzipSync(body).length;
  }
  return { files: sources.length, bytes, gzipBytes };
}
