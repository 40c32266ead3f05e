// Malformed input at every server action and route handler, over plain HTTP (a no-JavaScript form
// post, the way a script or a broken client would send it): missing, repeated and extra fields,
// files where text belongs, NUL bytes and odd Unicode, 10 MB values, tampered action ids and forged
// session cookies. Then the raw server-action protocol itself, for every action found on the pages:
// argument lists that are not a form, broken multipart, chunked bodies, Origin variants and odd
// methods; and generated values for every admin filter (dates the calendar lacks, extreme code
// points). Whatever arrives: never a 5xx, no write for input that is refused, and the form answers
// with a message. fast-check generates the cases; their number is printed per test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { encode } from '@auth/core/jwt';
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { type Entries, fetchOrTimeout, postForm, readActionForm, sessionCookieFor } from './fixtures/action-forms';
import { uniqueIp } from './fixtures/client-ip';
import { testSql } from './fixtures/db';
import { linkFrom, waitForEmail } from './fixtures/mailbox';
import { rawRequest } from './fixtures/raw-http';
import { createUser, type TestUser } from './fixtures/users';
import { fuzzCases } from './fixtures/fuzz';

const caseLog = fuzzCases('fuzz');

const BASE_URL = process.env.E2E_BASE_URL!;
const SESSION_COOKIE = 'authjs.session-token';

// ---- values -------------------------------------------------------------------------------------

const oddStrings = fc.constantFrom(
  '',
  ' ',
  '\0',
  'a\0b@example.com',
  'on',
  'yes',
  'true',
  '0',
  '-1',
  '1e309',
  'null',
  'undefined',
  '[]',
  '{"$ACTION_ID":"x"}',
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'ｆｕｚｚ@ｅｘａｍｐｌｅ.com',
  'İstanbul@example.com',
  '\u202eevil\u202c',
  '\ud800',
  '😀'.repeat(200),
  'a'.repeat(5_000),
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  'https://evil.example',
  '//evil.example',
  '/\\evil.example',
  'javascript:alert(1)',
  'DELETE',
  'other',
  'ko',
  'en',
  'xx',
);

type Value = string | { file: string };

const text = fc.oneof(
  { weight: 3, arbitrary: oddStrings },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.emailAddress().map((email) => `fuzz.${email}`) },
  { weight: 1, arbitrary: fc.string({ minLength: 8, maxLength: 30 }) },
);
const value: fc.Arbitrary<Value> = fc.oneof({ weight: 9, arbitrary: text }, { weight: 1, arbitrary: text.map((content) => ({ file: content })) });

/** Each known field absent, once or twice; sometimes an extra field; the action's own fields intact or tampered. */
function formCases(fields: string[]) {
  return fc.record({
    fields: fc.tuple(...fields.map((name) => fc.option(fc.array(value, { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 4 }).map((values) => [name, values] as const))),
    extra: fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('$ACTION_ID_x', '$ACTION_REF_9', 'userId', 'role')), value), { maxLength: 2 }),
    action: fc.constantFrom('intact', 'intact', 'intact', 'intact', 'intact', 'intact', 'drop', 'bad-id', 'bad-state'),
  });
}
type FormCase = ReturnType<typeof formCases> extends fc.Arbitrary<infer T> ? T : never;

function toEntries(hidden: Record<string, string>, fuzzed: FormCase): Entries {
  const entries: Entries = [];
  for (const [name, original] of Object.entries(hidden)) {
    if (!name.startsWith('$ACTION')) continue;
    if (fuzzed.action === 'drop') continue;
    if (fuzzed.action === 'bad-id' && name.startsWith('$ACTION_ID')) entries.push(['$ACTION_ID_00deadbeef00deadbeef00deadbeef00deadbeef00', '']);
    else if (fuzzed.action === 'bad-state' && name.endsWith(':0')) entries.push([name, '{"id":"00deadbeef","bound":"$@1"']);
    else entries.push([name, original]);
  }
  for (const [name, values] of fuzzed.fields) {
    // A hidden field of the form (token, userId) left alone keeps its real value.
    if (values === undefined && name in hidden) entries.push([name, hidden[name]]);
    for (const item of values ?? []) entries.push([name, asFormValue(item)]);
  }
  for (const [name, item] of fuzzed.extra) entries.push([name, asFormValue(item)]);
  return entries;
}

function asFormValue(item: Value): string | Blob {
  return typeof item === 'string' ? item : new Blob([item.file], { type: 'application/octet-stream' });
}

/** The addresses a case may have written rows for: what the app would make of them (trimmed, lowercased). */
function addressesIn(fuzzed: FormCase, field: string): string[] {
  const values = fuzzed.fields.find(([name]) => name === field)?.[1] ?? [];
  return values.flatMap((item) => (typeof item === 'string' && !item.includes('\0') ? [item.trim().toLowerCase()] : []));
}

// ---- checks -------------------------------------------------------------------------------------

/**
 * fast-check options for a property run over HTTP. No shrinking: each run costs tens of milliseconds
 * of requests, and shrinking a failure can take minutes, so the test would end in "Test timeout
 * exceeded" and hide the failure; the first counterexample and its seed are reported as found.
 */
function fuzzRuns(numRuns: number) {
  return { numRuns, endOnFailure: true };
}

/** A form answered in place (200) shows a field error or a form message; otherwise it redirected. */
function expectMessage(status: number, body: string, label: string) {
  if (status !== 200) return;
  expect(/aria-invalid="true"|role="alert"|class="notice success"/.test(body), `${label}: the form shows a message`).toBe(true);
}

async function fuzzForm(options: {
  path: string;
  marker: string;
  fields: string[];
  runs: number;
  cookie?: string;
  ip?: string;
  /** Whether the form answers with a message (plain actions such as the language switcher do not). */
  message?: boolean;
  check?: (fuzzed: FormCase, response: Response, body: string) => Promise<void>;
}) {
  const hidden = await readActionForm(options.path, options.marker, options.cookie);
  const ip = options.ip ?? uniqueIp();
  await fc.assert(
    fc.asyncProperty(formCases(options.fields), async (fuzzed) => {
      const entries = toEntries(hidden, fuzzed);
      const response = await postForm(options.path, entries, { cookie: options.cookie, ip });
      const body = await caseLog.expectNo5xx(response, `${options.path} ${JSON.stringify(fuzzed).slice(0, 400)}`);
      if (fuzzed.action === 'intact' && options.message !== false) expectMessage(response.status, body, options.path);
      await options.check?.(fuzzed, response, body);
    }),
    fuzzRuns(options.runs),
  );
}

async function accountSnapshot(user: TestUser) {
  const sql = testSql();
  const [row] = await sql`
    select email, password_hash, status, session_version, locked_until,
      (select count(*)::int from auth_tokens where user_id = ${user.id}) as tokens,
      (select count(*)::int from mail_outbox where to_address = ${user.email}) as mails
    from users where id = ${user.id}`;
  return row;
}

// ---- server actions -----------------------------------------------------------------------------

test('sign-up: malformed input writes nothing; accepted input writes the user with its mail', async () => {
  test.setTimeout(120_000);
  const started = new Date(Date.now() - 1_000);
  const sent = new Set<string>();
  let accepted = 0;
  await fuzzForm({
    path: '/signup',
    marker: 'name="terms"',
    fields: ['name', 'email', 'password', 'terms'],
    runs: 50,
    check: async (fuzzed, response) => {
      for (const address of addressesIn(fuzzed, 'email')) sent.add(address);
      if (response.status === 303 && response.headers.get('location')?.includes('/signup/check-email')) accepted += 1;
    },
  });
  const emails = [...sent];
  const sql = testSql();
  const [users] = await sql`select count(*)::int as n from users where email = any(${emails}) and created_at >= ${started}`;
  const [mails] = await sql`select count(*)::int as n from mail_outbox where to_address = any(${emails}) and created_at >= ${started}`;
  expect(users.n).toBeLessThanOrEqual(accepted);
  // Every account made has its verification mail, and no mail went anywhere else.
  expect(mails.n).toBe(users.n);
  console.log(`fuzz sign-up: ${accepted} accepted, ${users.n} accounts created`);
});

test('login, forgot password, resend verification, language: never a 5xx, always a message', async () => {
  test.setTimeout(120_000);
  const started = new Date(Date.now() - 1_000);
  const sent = new Set<string>();
  const collect = async (fuzzed: FormCase) => {
    for (const address of addressesIn(fuzzed, 'email')) sent.add(address);
  };
  await fuzzForm({ path: '/login', marker: 'name="password"', fields: ['email', 'password', 'callbackUrl'], runs: 40, check: collect });
  await fuzzForm({ path: '/forgot-password', marker: 'name="email"', fields: ['email'], runs: 25, check: collect });
  await fuzzForm({ path: '/verify-email/resend', marker: 'name="email"', fields: ['email'], runs: 25, check: collect });
  await fuzzForm({ path: '/login', marker: 'name="locale"', fields: ['locale'], runs: 10, message: false });
  const [mails] = await testSql()`select count(*)::int as n from mail_outbox where to_address = any(${[...sent]}) and created_at >= ${started}`;
  expect(mails.n, 'no mail to addresses without an account').toBe(0);
});

test('reset password with a live link: malformed input is refused with a message', async () => {
  test.setTimeout(120_000);
  const user = await createUser();
  const forgot = await readActionForm('/forgot-password', 'name="email"');
  await postForm('/forgot-password', [...Object.entries(forgot), ['email', user.email]], { ip: uniqueIp() });
  const link = new URL(linkFrom(await waitForEmail(user.email, { subject: /password/i }), '/reset-password'));
  const before = await accountSnapshot(user);
  await fuzzForm({ path: `${link.pathname}${link.search}`, marker: 'name="confirmPassword"', fields: ['token', 'password', 'confirmPassword'], runs: 25 });
  const after = await accountSnapshot(user);
  // A case that happened to be valid (same new password twice, real token) may have reset it; else nothing changed.
  if (after.password_hash === before.password_hash) expect(after).toEqual(before);
});

test('account forms: a wrong or missing current password changes nothing', async () => {
  test.setTimeout(120_000);
  const user = await createUser();
  const ip = uniqueIp();
  const cookie = await sessionCookieFor(user, ip);
  const before = await accountSnapshot(user);
  await fuzzForm({ path: '/account/password', marker: 'name="newPassword"', fields: ['currentPassword', 'newPassword', 'confirmPassword'], runs: 25, cookie, ip });
  await fuzzForm({ path: '/account/email', marker: 'name="newEmail"', fields: ['newEmail', 'currentPassword'], runs: 25, cookie, ip });
  await fuzzForm({ path: '/account/withdraw', marker: 'name="confirmation"', fields: ['currentPassword', 'confirmation', 'reason', 'details'], runs: 25, cookie, ip });
  const after = await accountSnapshot(user);
  expect(after).toEqual(before);
});

test('profile and notification forms: never a 5xx', async () => {
  test.setTimeout(120_000);
  const user = await createUser();
  const ip = uniqueIp();
  const cookie = await sessionCookieFor(user, ip);
  await fuzzForm({ path: '/account', marker: 'name="name"', fields: ['name'], runs: 25, cookie, ip });
  await fuzzForm({ path: '/account/time-zone', marker: 'name="timeZone"', fields: ['timeZone'], runs: 25, cookie, ip });
  await fuzzForm({ path: '/account', marker: 'name="marketingSms"', fields: ['marketingEmail', 'marketingSms'], runs: 10, cookie, ip });
  const [row] = await testSql()`select status, email from users where id = ${user.id}`;
  expect(row).toEqual({ status: 'active', email: user.email });
});

test('admin actions on a user: a forged user id or missing confirmation is refused', async () => {
  test.setTimeout(120_000);
  const admin = await createUser({ role: 'admin' });
  // Locked and unverified: Unlock, Resend verification and Expire password apply; Restore to a withdrawn one.
  const target = await createUser({ verified: false });
  const withdrawn = await createUser();
  const sql = testSql();
  await sql`update users set locked_until = now() + interval '1 hour' where id = ${target.id}`;
  await sql`update users set status = 'withdrawn', withdrawn_at = now() where id = ${withdrawn.id}`;
  const ip = uniqueIp();
  const cookie = await sessionCookieFor(admin, ip);
  for (const [user, label] of [[target, 'Unlock'], [target, 'Resend verification'], [target, 'Expire password'], [withdrawn, 'Restore']] as const) {
    await fuzzForm({ path: `/admin/users/${user.id}`, marker: `aria-label="${label}"`, fields: ['userId', 'confirm'], runs: 8, cookie, ip });
  }
});

test('10 MB values and huge bodies are refused without a 5xx', async () => {
  const huge = 'x'.repeat(10 * 1024 * 1024);
  const signup = await readActionForm('/signup', 'name="terms"');
  const login = await readActionForm('/login', 'name="password"');
  const ip = uniqueIp();
  const cases: Array<[string, Entries]> = [
    ['/signup', [...Object.entries(signup), ['name', huge], ['email', 'big@example.com'], ['password', 'a fine password 1'], ['terms', 'on']]],
    ['/login', [...Object.entries(login), ['email', 'big@example.com'], ['password', huge]]],
    ['/login', [...Object.entries(login), ['email', `${huge}@example.com`], ['password', 'x']]],
  ];
  for (const [path, entries] of cases) await caseLog.expectNo5xx(await postForm(path, entries, { ip }), `${path} with 10 MB`);
  const [row] = await testSql()`select count(*)::int as n from users where email = 'big@example.com'`;
  expect(row.n).toBe(0);
});

// ---- route handlers and pages with query input --------------------------------------------------

/** Lone surrogates cannot be percent-encoded (encodeURIComponent throws); a client sends U+FFFD for them. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));
}

test('route handlers and pages with malformed query strings: never a 5xx', async () => {
  test.setTimeout(120_000);
  const admin = await createUser({ role: 'admin' });
  const cookie = await sessionCookieFor(admin, uniqueIp());
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetchOrTimeout(path, { headers });
    await caseLog.expectNo5xx(response, path);
    return response;
  };
  const param = text.map(encodeQueryValue);
  await fc.assert(
    fc.asyncProperty(param, async (token) => {
      const verify = await get(`/verify-email?token=${token}`);
      expect(verify.status).toBe(303);
      expect(verify.headers.get('location')).toContain('/verify-email/invalid');
      await get(`/account/email/confirm?token=${token}`);
      await get(`/reset-password?token=${token}`);
      await get(`/login?callbackUrl=${token}`);
    }),
    fuzzRuns(12),
  );
  await fc.assert(
    fc.asyncProperty(fc.record({ email: param, ip: param, outcome: param, from: param, to: param }), async (filter) => {
      const query = new URLSearchParams(Object.entries(filter).map(([key, item]) => [key, decodeURIComponent(item)])).toString();
      const exported = await get(`/admin/logins/export?${query}`, { cookie });
      expect([200, 400]).toContain(exported.status);
      await get(`/admin/logins?${query}`, { cookie });
      await get(`/admin/audit?admin=${filter.email}&action=${filter.outcome}&from=${filter.from}&to=${filter.to}`, { cookie });
      await get(`/admin/users?q=${filter.email}`, { cookie });
      await get(`/admin/users/${filter.ip || 'x'}`, { cookie });
    }),
    fuzzRuns(12),
  );
  await fc.assert(
    fc.asyncProperty(fc.option(text, { nil: undefined }), async (secret) => {
      const headers: Record<string, string> = secret === undefined ? {} : { authorization: `Bearer ${secret.replace(/[^\x20-\x7e]/g, '')}` };
      for (const path of ['/api/cron/mail', '/api/cron/retention']) expect((await get(path, headers)).status).toBe(401);
      expect((await get(`/api/health?x=${encodeQueryValue(secret ?? '')}`)).status).toBe(200);
    }),
    fuzzRuns(10),
  );
  // A 100 KB token is beyond what the server reads as a request line: refused, not crashed.
  await get(`/verify-email?token=${'a'.repeat(100_000)}`);
});

// ---- forged sessions ----------------------------------------------------------------------------

test('a session cookie signed with another secret, or with a stale session version, is logged out', async () => {
  const user = await createUser();
  const appEnv = JSON.parse(process.env.E2E_APP_ENV ?? '{}') as { AUTH_SECRET?: string };
  const claims = { sub: user.id, uid: user.id, email: user.email, name: user.name, role: 'admin', sv: 1, pe: false, authTime: Math.floor(Date.now() / 1000) };
  const foreign = await encode({ token: claims, secret: 'another-secret-another-secret-another-secret', salt: SESSION_COOKIE });
  const staleVersion = await encode({ token: { ...claims, role: 'user', sv: 999 }, secret: appEnv.AUTH_SECRET!, salt: SESSION_COOKIE });
  const garbage = 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..AAAA.BBBB.CCCC';
  // The withdrawal form of a real session, to be posted with the forged cookies.
  const real = await sessionCookieFor(user, uniqueIp());
  const form = await readActionForm('/account/withdraw', 'name="confirmation"', real);
  const before = await accountSnapshot(user);
  for (const token of [foreign, staleVersion, garbage, `${foreign}x`, '']) {
    const cookie = `${SESSION_COOKIE}=${token}`;
    const account = await fetch(new URL('/account', BASE_URL), { headers: { cookie }, redirect: 'manual' });
    await caseLog.expectNo5xx(account, 'forged session on /account');
    expect(account.status).toBe(307);
    expect(account.headers.get('location')).toContain('/login');
    const adminPage = await fetch(new URL('/admin', BASE_URL), { headers: { cookie }, redirect: 'manual' });
    await caseLog.expectNo5xx(adminPage, 'forged session on /admin');
    expect(adminPage.status).toBe(404);
    // An action posted with it is not run.
    const withdraw = await postForm('/account/withdraw', [...Object.entries(form), ['currentPassword', user.password], ['confirmation', 'DELETE']], { cookie });
    await caseLog.expectNo5xx(withdraw, 'forged session on the withdrawal action');
  }
  expect(await accountSnapshot(user)).toEqual(before);
});

// ---- the raw server-action protocol -------------------------------------------------------------

type FoundAction = { id: string; name: string; path: string; group: string };

/**
 * Every server action of the build, from Next's server-reference manifest, with a page that serves
 * it (route groups dropped, `[id]` filled in): a new action is fuzzed without naming it here.
 */
function actionsOfTheBuild(pathId: string): FoundAction[] {
  const manifestPath = path.join(process.env.NEXT_DIST_DIR || '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { node: Record<string, { exportedName?: string; workers: Record<string, unknown> }> };
  return Object.entries(manifest.node)
    .map(([id, entry]) => {
      const worker = Object.keys(entry.workers).sort()[0];
      const segments = worker.replace(/^app\//, '').replace(/\/page$/, '').split('/');
      const group = segments.find((segment) => /^\(.+\)$/.test(segment)) ?? '';
      const route = segments.filter((segment) => !/^\(.+\)$/.test(segment)).map((segment) => (/^\[.+\]$/.test(segment) ? pathId : segment));
      return { id, name: entry.exportedName ?? id, path: `/${route.join('/')}`, group };
    })
    .sort((a, b) => Number(a.name === 'logOut') - Number(b.name === 'logOut'));
}

const BOUNDARY = '----fuzzboundary7MA4YWxkTrZu0gW';

function multipart(fields: Array<[string, string]>, boundary = BOUNDARY): string {
  return `${fields.map(([name, content]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${content}\r\n`).join('')}--${boundary}--\r\n`;
}

// Argument lists as React's reply protocol carries them, well-formed or not.
const argumentLists = fc.oneof(
  fc.constantFrom(
    '[]',
    '[null,null]',
    'null',
    '{}',
    '"$K1"',
    '["$K1"]',
    '[{"status":"idle"},"$K1"]',
    '[{"status":"idle"},"$K1","$K1"]',
    '["$undefined","$K1"]',
    '["$Q1"]',
    '["$@1","$K1"]',
    '["$1","$K1"]',
    '["$h1","$K1"]',
    '["$T","$K1"]',
    '[1e309]',
    `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
    `[${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)},"$K1"]`,
    'hello',
    '',
  ),
  fc.json({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

type RawActionCase = { kind: string; contentType: string | null; body: string; fetchAction: boolean };

function rawActionCases(id: string): fc.Arbitrary<RawActionCase> {
  // A referenced form's fields as React's encodeReply writes them: `_<part>_<name>`, before the argument list.
  const formFields = fc.array(fc.tuple(fc.constantFrom('_1_email', '_1_password', '_1_name', '_1_locale', '_1_provider', '_1_userId', '_1_confirm', '_2_x'), text), { maxLength: 3 });
  const asText = fc.tuple(argumentLists, fc.constantFrom('text/plain;charset=UTF-8', 'application/json', 'application/x-www-form-urlencoded', null)).map(
    ([body, contentType]): RawActionCase => ({ kind: 'text', contentType, body, fetchAction: true }),
  );
  const asMultipart = fc.tuple(argumentLists, formFields).map(
    ([root, fields]): RawActionCase => ({ kind: 'multipart', contentType: `multipart/form-data; boundary=${BOUNDARY}`, body: multipart([...fields, ['0', root]]), fetchAction: true }),
  );
  const good = multipart([['_1_email', 'x@example.com'], ['0', '[{"status":"idle"},"$K1"]']]);
  const broken = fc.constantFrom(
    good.slice(0, good.length - 12),
    good.replace(`--${BOUNDARY}--`, ''),
    good.replaceAll(BOUNDARY, 'other'),
    `--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${BOUNDARY}--\r\n`,
    `--${BOUNDARY}\r\n\r\n\r\n`,
    'not multipart at all',
    '',
  );
  const asBroken = fc.tuple(broken, fc.constantFrom(`multipart/form-data; boundary=${BOUNDARY}`, 'multipart/form-data', 'multipart/form-data; boundary=')).map(
    ([body, contentType]): RawActionCase => ({ kind: 'broken-multipart', contentType, body, fetchAction: true }),
  );
  // Without JavaScript: the action named in the form itself, with bound arguments that do not fit.
  const meta = (bound: string) => JSON.stringify({ id, bound });
  const asForm = fc
    .tuple(
      fc.constantFrom<Array<[string, string]>>(
        [[`$ACTION_ID_${id}`, '']],
        [['$ACTION_REF_1', ''], ['$ACTION_1:0', meta('$@1')], ['$ACTION_1:1', '[]']],
        [['$ACTION_REF_1', ''], ['$ACTION_1:0', meta('$@1')], ['$ACTION_1:1', '[{"status":"idle"},2,3]']],
        [['$ACTION_REF_1', ''], ['$ACTION_1:0', meta('$@1')], ['$ACTION_1:1', '[{"status":"idle"}]']],
        [['$ACTION_REF_1', ''], ['$ACTION_1:0', meta('$@9')]],
        [['$ACTION_REF_1', ''], ['$ACTION_1:0', '{"id":']],
        [['$ACTION_REF_1', ''], ['$ACTION_1:0', JSON.stringify({ id, bound: null })]],
        [['$ACTION_REF_1', ''], ['$ACTION_1:0', meta('$@1')], ['$ACTION_1:1', `${'['.repeat(3_000)}${']'.repeat(3_000)}`]],
      ),
      formFields,
    )
    .map(([actionFields, fields]): RawActionCase => ({
      kind: 'form',
      contentType: `multipart/form-data; boundary=${BOUNDARY}`,
      body: multipart([...actionFields, ...fields.map(([name, content]) => [name.replace(/^_\d_/, ''), content] as [string, string])]),
      fetchAction: false,
    }));
  return fc.oneof({ weight: 3, arbitrary: asText }, { weight: 3, arbitrary: asMultipart }, { weight: 2, arbitrary: asBroken }, { weight: 2, arbitrary: asForm });
}

const origins = fc.constantFrom<string | null>(BASE_URL, BASE_URL, BASE_URL, null, 'null', 'http://[bad', '::::', '', 'https://evil.example', BASE_URL.toUpperCase(), `${BASE_URL}.evil.example`, 'file://');

test('the raw server-action protocol, at every action: never a 5xx', async () => {
  test.setTimeout(180_000);
  const user = await createUser();
  const ip = uniqueIp();
  const userCookie = await sessionCookieFor(user, ip);
  const actions = actionsOfTheBuild(user.id);
  console.log(`fuzz raw protocol: ${actions.length} actions (${actions.map((action) => action.name).join(', ')})`);
  expect(actions.length).toBeGreaterThanOrEqual(28);
  for (const action of actions) {
    // Account and admin actions are posted with a person's session (admin ones must refuse it);
    // sign-in ones without. A case may be well-formed: only that person's data is at stake.
    const cookie = action.group === '(auth)' ? undefined : userCookie;
    await fc.assert(
      fc.asyncProperty(rawActionCases(action.id), origins, fc.boolean(), async (raw, origin, chunked) => {
        const headers: Record<string, string> = { 'x-forwarded-for': ip };
        if (raw.contentType !== null) headers['content-type'] = raw.contentType;
        if (raw.fetchAction) headers['next-action'] = action.id;
        if (origin !== null) headers.origin = origin;
        if (cookie) headers.cookie = cookie;
        const response = await rawRequest('POST', action.path, { headers, body: raw.body, chunked });
        caseLog.count();
        expect(response.status, `${action.name} at ${action.path} ${raw.kind} origin=${origin} chunked=${chunked}: ${raw.body.slice(0, 200)} → ${response.body.slice(0, 200)}`).toBeLessThan(500);
      }),
      fuzzRuns(20),
    );
  }
  // A chunked body over the action limit, without Content-Length, at one action of each kind.
  const big = `[{"status":"idle"},"${'x'.repeat(1_100_000)}"]`;
  for (const action of actions.slice(0, 3)) {
    const response = await rawRequest('POST', action.path, { headers: { origin: BASE_URL, 'next-action': action.id, 'content-type': 'text/plain;charset=UTF-8' }, body: big, chunked: true });
    caseLog.count();
    expect(response.status, `${action.path}: chunked 1.1 MB`).toBe(413);
  }
  expect(await accountSnapshot(user)).toMatchObject({ status: 'active', email: user.email });
});

test('odd methods on pages, actions and route handlers: never a 5xx', async () => {
  const paths = ['/', '/login', '/signup', '/account', '/admin', '/admin/logins/export', '/api/health', '/api/auth/session', '/api/cron/mail', '/verify-email', '/dev/mailbox', '/no-such-page'];
  const methods = ['TRACE', 'TRACK', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'MKCOL', 'QUERY', 'HEAD'];
  for (const path of paths) {
    for (const method of methods) {
      const response = await rawRequest(method, path, { headers: { origin: BASE_URL }, body: method === 'HEAD' ? undefined : '[]' });
      caseLog.count();
      expect(response.status, `${method} ${path}`).toBeLessThan(500);
    }
  }
});

// ---- admin filters ------------------------------------------------------------------------------

const extremeText = fc.oneof(
  fc.constantFrom('\u{10FFFF}', 'kim\u{10FFFF}', '\u{10FFFF}\u{10FFFF}', '\uFFFF', '\uFFFE', '\uD7FF', '\uE000', '\u0000', '\u0301', '\u202E', '𝓀𝒾𝓂', '\u{E0001}', '%', '_', '\\', "'"),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: fc.constantFrom('\u{10FFFF}', '\uFFFF', 'a', '*', '\u0000'), maxLength: 6 }),
);
/** Days as typed: some real, some that the calendar lacks (30 February, month 13, day 0, year 0). */
const dayText = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
    ([year, month, day]) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  ),
  fc.constantFrom('2024-02-30', '2023-02-29', '2024-02-29', '0000-01-01', '9999-12-31', '+275760-09-13', '2024-1-1', '2024-01-01T00:00'),
);
/** Keyset cursors: the right shape with impossible instants, and plain garbage. */
const cursorText = fc.oneof(
  fc.tuple(dayText, fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 2 ** 53 })).map(
    ([day, hour, minute, id]) => `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z_${id}`,
  ),
  fc.constantFrom('2024-02-30T00:00:00.000Z_1', '2024-01-01T24:00:00.000Z_1', '2024-12-31T23:59:60.000Z_1', '2024-01-01T00:00:00.0000001Z_1', '_', ''),
  extremeText,
);

test('every admin filter with generated values: never a 5xx, and the CSV export ends whole', async () => {
  test.setTimeout(120_000);
  const admin = await createUser({ role: 'admin' });
  const cookie = await sessionCookieFor(admin, uniqueIp());
  const query = (entries: Record<string, string>) => new URLSearchParams(entries).toString();
  const filters = fc.record({
    email: fc.oneof(extremeText, extremeText.map((value) => `${value}*`)),
    ip: extremeText,
    outcome: fc.oneof(fc.constantFrom('success', 'failure', 'any', 'reason:wrong_password'), extremeText.map((value) => `reason:${value}`)),
    from: dayText,
    to: dayText,
    before: cursorText,
    after: cursorText,
    range: fc.constantFrom('24h', '7d', 'x'),
  });
  await fc.assert(
    fc.asyncProperty(filters, async (filter) => {
      const label = JSON.stringify(filter);
      const logins = await fetchOrTimeout(`/admin/logins?${query(filter)}`, { headers: { cookie } });
      await caseLog.expectNo5xx(logins, `/admin/logins ${label}`);
      const exported = await fetchOrTimeout(`/admin/logins/export?${query(filter)}`, { headers: { cookie } });
      expect([200, 400], label).toContain(exported.status);
      // Reading to the end fails if the stream was cut.
      const csv = await exported.text();
      caseLog.count();
      if (exported.status === 200) expect(csv.split('\n')[0], label).toContain('time_utc');
      const audit = await fetchOrTimeout(`/admin/audit?${query({ admin: filter.email, action: filter.outcome, from: filter.from, to: filter.to, before: filter.before, after: filter.after })}`, { headers: { cookie } });
      await caseLog.expectNo5xx(audit, `/admin/audit ${label}`);
      await caseLog.expectNo5xx(await fetchOrTimeout(`/admin/users?${query({ q: filter.email, after: filter.ip })}`, { headers: { cookie } }), `/admin/users ${label}`);
    }),
    fuzzRuns(20),
  );
});
