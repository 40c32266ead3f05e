// Malformed input at the two-step actions and routes (issue 15), over plain HTTP: odd codes and
// tampered action fields at /login/two-step, junk at the Security page's actions, the step-up and
// the admin's Reset two-step, odd ticket cookies, junk passkey answers at Turn off. Never a 5xx; no
// session without a right code; nothing turned on, off or reset by refused input; wrong codes counted exactly.
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { asSubmitted, type Entries, fetchOrTimeout, postForm, readActionForm, sessionCookieFor } from './fixtures/action-forms';
import { uniqueIp } from './fixtures/client-ip';
import { testSql } from './fixtures/db';
import { createUser } from './fixtures/users';
import { recoveryCodeSchema, totpCodeSchema } from '@/lib/validation/two-step';
import { fuzzCases } from './fixtures/fuzz';

const caseLog = fuzzCases('fuzz-two-step');

const junk = fc.oneof(
  fc.constantFrom('', ' ', '\0', '123456', '12345', '1234567', ' 123 456 ', '000000', 'ABCDE-12345', 'abcde12345', "' or 1=1 --", '[]', 'a'.repeat(5_000), '\ud800', '٣٤٥٦٧٨', 'abcd\nefgh'),
  fc.stringMatching(/^\d{6}$/),
  fc.string({ unit: 'binary', maxLength: 24 }),
);

function entriesOf(hidden: Record<string, string>, tamper: 'intact' | 'drop' | 'bad-id', fields: Entries): Entries {
  const action = Object.entries(hidden).filter(([name]) => name.startsWith('$ACTION'));
  if (tamper === 'drop') return fields;
  if (tamper === 'bad-id') return [['$ACTION_ID_00deadbeef00deadbeef00deadbeef00deadbeef00', ''], ...fields];
  return [...action, ...fields];
}

/** Shaped like a WebAuthn assertion (for the passkey named), with nothing an authenticator signed. */
function assertionLike(credentialId: string) {
  return fc
    .record({
      id: fc.constantFrom(credentialId, 'AAAA', 'x'.repeat(4_000)),
      challenge: fc.constantFrom('abc', 'A'.repeat(43), ''),
      authenticatorData: fc.constantFrom('AAAA', 'A'.repeat(100)),
      signature: fc.constantFrom('AAAA', 'MEUCIQ', '!!'),
    })
    .map(({ id, challenge, ...response }) =>
      JSON.stringify({
        id,
        rawId: id,
        type: 'public-key',
        response: { ...response, clientDataJSON: Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin: process.env.E2E_BASE_URL })).toString('base64url') },
        clientExtensionResults: {},
      }),
    );
}

const setCookies = (response: Response) => response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);

/** The password step over HTTP: the ticket cookie of /login/two-step. */
async function ticketFor(user: { email: string; password: string }, ip: string): Promise<string> {
  const form = await readActionForm('/login', 'name="password"');
  const response = await postForm('/login', [...Object.entries(form), ['email', user.email], ['password', user.password]], { ip });
  const ticket = setCookies(response).find((cookie) => cookie.startsWith('two_step=') && !cookie.endsWith('='));
  if (!ticket) throw new Error('no two-step ticket');
  return ticket;
}

test('/login/two-step: odd codes and recovery codes never sign in, and only well-formed wrong codes count', async () => {
  test.setTimeout(180_000);
  const user = await createUser({ twoStep: true });
  const ip = uniqueIp();
  const sql = testSql();
  await fc.assert(
    fc.asyncProperty(fc.constantFrom<'intact' | 'drop' | 'bad-id'>('intact', 'intact', 'intact', 'drop', 'bad-id'), fc.constantFrom('code', 'recoveryCode'), junk, async (tamper, field, value) => {
      await sql`update users set failed_login_count = 0, locked_until = null where id = ${user.id}`;
      const ticket = await ticketFor(user, ip);
      const form = await readActionForm('/login/two-step', 'name="code"', ticket);
      const recoveryForm = await readActionForm('/login/two-step?method=recovery', 'name="recoveryCode"', ticket);
      const [before] = await sql<{ n: number }[]>`select count(*)::int as n from login_events where user_id = ${user.id} and reason = 'two_step_failed'`;
      const path = field === 'code' ? '/login/two-step' : '/login/two-step?method=recovery';
      const response = await postForm(path, entriesOf(field === 'code' ? form : recoveryForm, tamper, [[field, value]]), { ip, cookie: ticket });
      await caseLog.expectNo5xx(response, `${field} ${JSON.stringify(value).slice(0, 80)} ${tamper}`);
      expect(setCookies(response).some((cookie) => cookie.includes('session-token') && !cookie.endsWith('='))).toBe(false);
      const [after] = await sql<{ n: number; sessions: number }[]>`
        select (select count(*)::int from login_events where user_id = ${user.id} and reason = 'two_step_failed') as n,
               (select count(*)::int from sessions where user_id = ${user.id}) as sessions`;
      expect(after.sessions).toBe(0);
      // Well-formed as the form's own schema says (zod counts a string's length in code points, so a
      // re-derived UTF-16 length disagreed with it on astral characters), judged on what the server
      // received: the body turns "\n" into "\r\n", one character more.
      const wellFormed = (field === 'code' ? totpCodeSchema : recoveryCodeSchema).safeParse(asSubmitted(value)).success;
      expect(after.n - before.n).toBe(tamper === 'intact' && wellFormed ? 1 : 0);
    }),
    { numRuns: 40, endOnFailure: true },
  );
});

test('/login/two-step with odd or missing ticket cookies goes back to /login, never a 5xx', async () => {
  const user = await createUser({ twoStep: true });
  const real = await ticketFor(user, uniqueIp());
  await fc.assert(
    fc.asyncProperty(fc.oneof(junk, fc.constant(`${real}x`), fc.constant(real.replace('two_step=password.', 'two_step=passkey.')), fc.constant(real.replace('two_step=password.', 'two_step=oidc.'))), fc.constantFrom('', '?method=recovery', '?method=%00', '?method=passkey'), async (value, query) => {
      const cookie = value.startsWith('two_step=') ? value : `two_step=${encodeURIComponent(value.toWellFormed())}`;
      const response = await fetchOrTimeout(`/login/two-step${query}`, { headers: { cookie } });
      await caseLog.expectNo5xx(response, `ticket ${cookie.slice(0, 80)}`);
      expect(response.status).toBe(307);
      expect(response.headers.get('location')).toMatch(/\/login\?twoStep=ended$/);
    }),
    { numRuns: 30, endOnFailure: true },
  );
  // The real one still opens the page.
  expect((await fetchOrTimeout('/login/two-step', { headers: { cookie: real } })).status).toBe(200);
});

test('Security page actions and the step-up: junk turns nothing on or off and never steps up', async () => {
  test.setTimeout(180_000);
  const ip = uniqueIp();
  const sql = testSql();
  const plain = await createUser();
  const plainCookie = await sessionCookieFor(plain, ip);
  const withApp = await createUser({ twoStep: true });
  const appCookie = await sessionCookieFor(withApp, ip);
  // A passkey on the account too, so Turn off takes a passkey's answer in place of the code.
  const credentialId = `fuzz-${withApp.id}`;
  await sql`insert into passkeys (user_id, credential_id, public_key, device_type, backed_up, name)
            values (${withApp.id}, ${credentialId}, 'AAAA', 'singleDevice', false, 'Fuzz key')`;
  const passkeyAnswer = fc.oneof(junk, assertionLike(credentialId));
  // Set up waiting for its code (fresh sign-in: no password asked).
  const setup = await readActionForm('/account/security', 'Set up authenticator app', plainCookie);
  await caseLog.expectNo5xx(await postForm('/account/security', entriesOf(setup, 'intact', []), { cookie: plainCookie, ip }), 'set up');
  const turnOn = await readActionForm('/account/security?setup=1', 'Turn on', plainCookie);
  const turnOff = await readActionForm('/account/security', 'name="code"', appCookie);
  const stepUp = await readActionForm('/account/password', 'name="next"', appCookie);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('turnOn', 'turnOff', 'turnOffWithPasskey', 'stepUp'), fc.constantFrom<'intact' | 'drop' | 'bad-id'>('intact', 'intact', 'drop', 'bad-id'), junk, junk, passkeyAnswer, async (which, tamper, code, extra, answer) => {
      const [hidden, cookie, path, fields]: [Record<string, string>, string, string, Entries] =
        which === 'turnOn'
          ? [turnOn, plainCookie, '/account/security', [['code', code]]]
          : which === 'turnOff'
            ? [turnOff, appCookie, '/account/security', [['code', code], ['currentPassword', extra]]]
            : which === 'turnOffWithPasskey'
              ? [turnOff, appCookie, '/account/security', [['response', answer], ['code', code], ['currentPassword', extra]]]
              : [stepUp, appCookie, '/account/password', [['code', code], ['next', extra]]];
      const response = await postForm(path, entriesOf(hidden, tamper, fields), { cookie, ip });
      await caseLog.expectNo5xx(response, `${which} ${JSON.stringify(code).slice(0, 40)} ${tamper}`);
      const location = response.headers.get('location');
      if (location) expect(new URL(location, process.env.E2E_BASE_URL).origin).toBe(new URL(process.env.E2E_BASE_URL!).origin);
      const [state] = await sql<{ plainOn: number; appOn: number; steppedUp: number }[]>`
        select (select count(*)::int from user_totp where user_id = ${plain.id} and enabled_at is not null) as "plainOn",
               (select count(*)::int from user_totp where user_id = ${withApp.id} and enabled_at is not null) as "appOn",
               (select count(*)::int from sessions where user_id = ${withApp.id} and reauthenticated_at is not null) as "steppedUp",
               (select count(*)::int from passkeys where user_id = ${withApp.id}) as passkeys`;
      expect(state).toEqual({ plainOn: 0, appOn: 1, steppedUp: 0, passkeys: 1 });
    }),
    { numRuns: 60, endOnFailure: true },
  );
});

test('Reset two-step: odd ids and a missing confirmation reset nobody', async () => {
  test.setTimeout(120_000);
  const ip = uniqueIp();
  const sql = testSql();
  const admin = await createUser({ role: 'admin' });
  const person = await createUser({ twoStep: true });
  const cookie = await sessionCookieFor(admin, ip);
  const form = await readActionForm(`/admin/users/${person.id}`, 'Reset two-step', cookie);
  const hidden = Object.fromEntries(Object.entries(form).filter(([name]) => name !== 'userId'));
  await fc.assert(
    fc.asyncProperty(fc.oneof(junk, fc.constant(admin.id), fc.uuid()), fc.constantFrom('', 'no', 'YES', 'yes '), async (userId, confirm) => {
      const response = await postForm(`/admin/users/${person.id}`, entriesOf(hidden, 'intact', [['userId', userId], ['confirm', confirm]]), { cookie, ip });
      await caseLog.expectNo5xx(response, `reset ${userId.slice(0, 40)} ${confirm}`);
      const [state] = await sql<{ audits: number }[]>`
        select
               (select count(*)::int from admin_audit where action = 'user.reset-two-step' and admin_id = ${admin.id}) as audits`;
      expect(state.audits).toBe(0);
      const [mine] = await sql<{ n: number }[]>`select count(*)::int as n from user_totp where user_id in ${sql([admin.id, person.id])}`;
      expect(mine.n).toBe(2);
    }),
    { numRuns: 30, endOnFailure: true },
  );
});
