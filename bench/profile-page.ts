// A CPU profile of `next start` while one URL is under load, to see where a request's time goes
// (it prints no goal). Writes .prof/*.cpuprofile of the load window alone (bench/profile-window.mjs;
// open in Chrome DevTools › Performance) and prints the app's CPU per request split by where it was spent: session
// decryption, database, translations, React rendering, Next.js, our code — each sample goes to the
// innermost frame whose source (through the build's source maps) falls in one of those — beside the
// HTML and RSC payload sizes of one response.
// Saves bench/results/profile-<page>.json (BENCHMARKS.md), keeping the previous run's figures beside.
// With --login, the login action instead of a page: no-JS form posts of /login for 200 accounts in
// turn from a returning browser (bench/results/profile-login-action.json); Argon2id runs on libuv's
// threads, outside the JavaScript profile, so it shows in the /proc CPU but not in the categories.
// Usage: npm run bench:profile (/account, signed in), or npx tsx --import ./scripts/preload.mjs bench/profile-page.ts --path /account --signed-in [--seconds 6]
//        --path /admin/logins --admin: signed in as an admin (authenticator app code), over LOGIN_LOG_ROWS logged attempts
//        npx tsx --import ./scripts/preload.mjs bench/profile-page.ts --login
//        PROFILE=0 for the request rates alone; --dump keeps the page's HTML and RSC payload in .prof/ too.
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { ARGON2_OPTIONS } from '@/lib/auth/password-hash';
import { freshTotpCode, giveAuthenticator } from '../tests/e2e/fixtures/two-step';
import { startAppServer } from '../tests/support/app-server';
import { freePort } from '../tests/support/ports';
import { actionFormFields, actionPostOptions, cpuSecondsOf, knowReturningBrowser, RETURNING_BROWSER, sessionCookie, twoStepSessionCookie } from './http';
import { argValue, BENCH_TWO_STEP_ENCRYPTION_KEY, benchAppEnv, freshBenchDatabase, saveResult } from './support';

const PASSWORD = 'load-test password 1';
const PROFILE_DIR = '.prof';

const LOGIN_ACCOUNTS = 200;
/** What the admin's login log holds: a day of a small service's attempts, a tenth of them failed. */
const LOGIN_LOG_ROWS = 20_000;

async function main() {
  const login = process.argv.includes('--login');
  const target = login ? '/login-action' : argValue('path', '/login');
  const seconds = Number(argValue('seconds', '6'));
  const profiling = process.env.PROFILE !== '0';
  const database = await freshBenchDatabase();
  const port = await freePort();
  mkdirSync(PROFILE_DIR, { recursive: true });
  const profileFile = path.join(PROFILE_DIR, `${target.replaceAll('/', '_') || 'root'}.${Date.now()}.cpuprofile`);
  const app = await startAppServer({
    port,
    env: { ...benchAppEnv(port, database.url), PROFILE_FILE: profileFile },
    nodeArgs: profiling ? ['--import', './bench/profile-window.mjs'] : [],
  });
  const sql = postgres(database.url, { max: 1, onnotice: () => {} });
  let requests = 0;
  let cpuSeconds = 0;
  const lines: string[] = [];
  const note = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  try {
    const passwordHash = await hash(PASSWORD, ARGON2_OPTIONS);
    const emails = Array.from({ length: login ? LOGIN_ACCOUNTS : 1 }, (_, index) => `p${index}@bench.test`);
    await sql`insert into users (email, name, password_hash, email_verified_at, password_changed_at) select e, 'P', ${passwordHash}, now(), now() from unnest(${emails}::text[]) as e`;
    await knowReturningBrowser(sql, emails);
    const headers: Record<string, string> = {};
    const loginForm = await actionFormFields(`${app.url}/login`, 'password');
    if (process.argv.includes('--signed-in')) headers.cookie = await sessionCookie(app.url, loginForm, emails[0], PASSWORD);
    if (process.argv.includes('--admin')) headers.cookie = await adminSessionCookie(sql, app.url, loginForm, passwordHash);
    if (login) {
      note(`POST /login (the login action, ${LOGIN_ACCOUNTS} accounts in turn, a returning browser's device cookie)`);
    } else {
      const html = await (await fetch(`${app.url}${target}`, { headers })).text();
      const rsc = await (await fetch(`${app.url}${target}`, { headers: { ...headers, RSC: '1' } })).text();
      const inlinePayload = [...html.matchAll(/self\.__next_f\.push\((.*?)\)<\/script>/g)].reduce((sum, match) => sum + match[1].length, 0);
      note(`${target}: HTML ${html.length} bytes (of which the inline RSC payload ${inlinePayload}), RSC payload (client navigation) ${rsc.length} bytes`);
      // --dump: both responses kept beside the profile, to read what the payload is made of.
      if (process.argv.includes('--dump')) {
        writeFileSync(profileFile.replace(/\.cpuprofile$/, '.html'), html);
        writeFileSync(profileFile.replace(/\.cpuprofile$/, '.rsc'), rsc);
      }
    }
    let next = 0;
    const options = (connections: number): autocannon.Options =>
      login
        ? { ...actionPostOptions(`${app.url}/login`, app.url, connections, loginForm, () => ({ email: emails[next++ % emails.length], password: PASSWORD }), RETURNING_BROWSER), duration: seconds }
        : { url: `${app.url}${target}`, connections, duration: seconds, headers };
    if (profiling) app.process.kill('SIGUSR2');
    for (const connections of [1, 20]) {
      const before = cpuSecondsOf(app.process.pid ?? 0);
      const result = await autocannon(options(connections));
      requests += result.requests.total;
      cpuSeconds += cpuSecondsOf(app.process.pid ?? 0) - before;
      const cpu = ((cpuSecondsOf(app.process.pid ?? 0) - before) * 1000) / Math.max(1, result.requests.total);
      note(`- ${target} c=${connections}: ${result.requests.average} req/s p50 ${result.latency.p50} p99 ${result.latency.p99} ${login ? `signed in (303) ${result.non2xx} of ${result.requests.total}` : `non2xx ${result.non2xx}`}, ${cpu.toFixed(2)} ms app CPU per request`);
    }
    if (profiling) {
      app.process.kill('SIGUSR2');
      await waitForFile(profileFile);
    }
  } finally {
    await sql.end();
    await app.stop();
    await database.drop();
  }
  if (profiling) breakdown(profileFile, (cpuSeconds * 1000) / Math.max(1, requests)).forEach(note);
  save(target, lines);
}

/** An admin with an authenticator app, signed in with a code, over a login log of LOGIN_LOG_ROWS attempts of the last day. */
async function adminSessionCookie(sql: postgres.Sql, appUrl: string, loginForm: Record<string, string>, passwordHash: string): Promise<string> {
  const email = 'admin@bench.test';
  const [admin] = await sql<{ id: string }[]>`
    insert into users (email, name, role, password_hash, email_verified_at, password_changed_at)
    values (${email}, 'Admin', 'admin', ${passwordHash}, now(), now()) returning id`;
  const secret = await giveAuthenticator(sql, admin.id, BENCH_TWO_STEP_ENCRYPTION_KEY);
  await sql`
    insert into login_events (created_at, email, ip, success, reason)
    select now() - (n * interval '86400 seconds') / ${LOGIN_LOG_ROWS}, 'user' || (n % 500) || '@bench.test', '10.0.' || (n % 7) || '.' || (n % 250),
           n % 10 <> 0, case when n % 10 = 0 then 'wrong_password' else 'ok' end
    from generate_series(1, ${LOGIN_LOG_ROWS}) as n`;
  await sql`analyze login_events`;
  return twoStepSessionCookie(appUrl, loginForm, email, PASSWORD, () => freshTotpCode(secret));
}

/** bench/results/profile-<page>.json, with the previous run's figures kept beside (before and after a change). */
function save(target: string, lines: string[]) {
  const name = `profile${target.replaceAll('/', '-')}`;
  const file = path.join('bench', 'results', `${name}.json`);
  const commit = spawnSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).stdout.trim();
  const previous = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { date: string; data?: { commit?: string; lines?: string[] } }) : null;
  const section = (title: string, body: string[]) => [`### ${title}`, '', ...body].join('\n');
  saveResult(name, {
    command: `npx tsx --import ./scripts/preload.mjs bench/profile-page.ts ${process.argv.slice(2).join(' ')}`,
    summary: lines[0] ?? target,
    markdown: [section(`This run (${commit})`, lines), ...(previous?.data?.lines ? ['', section(`Previous run (${previous.data.commit ?? '?'}, ${previous.date})`, previous.data.lines)] : [])].join('\n'),
    data: { commit, lines },
  });
}

async function waitForFile(file: string) {
  for (let tries = 0; tries < 100 && !existsSync(file); tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  // Written in one call, but give the write a moment to finish.
  await new Promise((resolve) => setTimeout(resolve, 500));
}

type ProfileNode = { id: number; callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string }; children?: number[] };

const CATEGORIES: Array<[string, RegExp]> = [
  ['session decryption (JWE)', /node_modules\/(jose|@panva|@auth\/core|next-auth)\/|lib\/auth\/session-token/],
  ['database', /node_modules\/(postgres|drizzle-orm|@electric-sql)\//],
  ['translations', /node_modules\/(next-intl|use-intl|intl-messageformat|@formatjs|icu-minify)\//],
  ['React rendering (RSC + HTML)', /(node_modules|compiled)\/(react|react-dom|react-server-dom-[a-z]+)\//],
  ['Next.js (routing, proxy, RSC/HTML streaming)', /node_modules\/next\//],
  ['our code (pages, components, lib)', /(?:^|\.\.\/|\[project\]\/)(?:(?:app|components|lib|i18n|db)\/|(?:auth|proxy)\.ts)/],
];

/**
 * The profile's samples by category (samples in Node internals go to their nearest categorised
 * caller), as shares of the CPU time per request measured from /proc: V8 samples on wall time, so on
 * a busy machine a sample's interval also holds time the process waited for a core.
 */
function breakdown(file: string, cpuMsPerRequest: number): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const parent = new Map<number, number>();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const maps = new Map<string, SourceMap | null>();
  const sourceOf = (node: ProfileNode): string => {
    const { url, lineNumber, columnNumber } = node.callFrame;
    if (!url.includes('/.next/') && !url.includes('/next/dist/compiled/')) return url;
    const file = url.startsWith('file:') ? fileURLToPath(url) : url;
    if (!maps.has(file)) {
      try {
        maps.set(file, new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))));
      } catch {
        maps.set(file, null);
      }
    }
    const entry = maps.get(file)?.findEntry(lineNumber, columnNumber) as { originalSource?: string } | undefined;
    // The bundle's file as well: Next's own runtime maps to sources that do not name the package.
    return `${entry?.originalSource ?? ''} ${url}`;
  };
  const categoryCache = new Map<number, string | null>();
  const categoryOf = (id: number): string => {
    for (let current: number | undefined = id; current !== undefined; current = parent.get(current)) {
      if (!categoryCache.has(current)) {
        const source = sourceOf(nodes.get(current)!);
        categoryCache.set(current, CATEGORIES.find(([, pattern]) => pattern.test(source))?.[0] ?? null);
      }
      const found = categoryCache.get(current);
      if (found) return found;
    }
    return 'other (Node.js, idle, GC)';
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, index) => {
    const name = nodes.get(id)!.callFrame.functionName;
    const category = name === '(idle)' ? 'idle' : name === '(garbage collector)' ? 'garbage collection' : categoryOf(id);
    totals.set(category, (totals.get(category) ?? 0) + profile.timeDeltas[index] / 1000);
  });
  const busy = [...totals].filter(([name]) => name !== 'idle');
  const sum = busy.reduce((total, [, ms]) => total + ms, 0);
  return [
    '',
    `CPU per request by category (profile of the load window only; ms = share × ${cpuMsPerRequest.toFixed(2)} ms of app CPU per request from /proc):`,
    '',
    '| where | share | ms per request |',
    '| --- | ---: | ---: |',
    ...busy.sort((a, b) => b[1] - a[1]).map(([name, ms]) => `| ${name} | ${((ms / sum) * 100).toFixed(0)} % | ${((ms / sum) * cpuMsPerRequest).toFixed(2)} |`),
    `| total | 100 % | ${cpuMsPerRequest.toFixed(2)} |`,
  ];
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
