// Malformed input at every passkey action and route (issue 15, engineer B), over plain HTTP with
// React's action protocol as the browser's fetch sends it: junk where the WebAuthn answer goes,
// odd names and ids, no session, someone else's passkey. Never a 5xx; nothing is added, removed or
// signed in; each refused passwordless sign-in is exactly one passkey_failed row (no account named).
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { actionId, fetchAction, fetchOrTimeout, IDLE_STATE_AND_FORM, sessionCookieFor } from './fixtures/action-forms';
import { uniqueIp } from './fixtures/client-ip';
import { testSql } from './fixtures/db';
import { createUser } from './fixtures/users';
import { fuzzCases } from './fixtures/fuzz';

const caseLog = fuzzCases('fuzz-passkeys');

/** A fetch-action call that must not answer with a 5xx. */
async function callAction(page: string, id: string, args: string, fields: Array<[string, string]>, options: { cookie?: string; ip: string; language?: string }) {
  const result = await fetchAction(page, id, args, fields, options);
  caseLog.count();
  expect(result.status, `${page} ${args} ${JSON.stringify(fields).slice(0, 300)}: ${result.text.slice(0, 300)}`).toBeLessThan(500);
  return result;
}

const junkText = fc.oneof(
  fc.constantFrom('', ' ', '\0', 'null', '{}', '[]', '"x"', '1e309', '{"id":"AAAA","rawId":"AAAA","type":"public-key","response":{}}', 'a'.repeat(40_000), "' or 1=1 --", '\ud800'),
  fc.json({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/** Something shaped like an assertion, with parts that are not what the authenticator would sign. */
const fakeAssertion = fc
  .record({
    id: fc.constantFrom('AAAA', 'unknown-credential', 'x'.repeat(4_000), '-_-_'),
    clientDataJSON: fc.oneof(
      fc.constant(Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: 'abc', origin: process.env.E2E_BASE_URL })).toString('base64url')),
      fc.constant(Buffer.from('not json').toString('base64url')),
      fc.constant('AAAA'),
    ),
    authenticatorData: fc.constantFrom('AAAA', 'A'.repeat(100)),
    signature: fc.constantFrom('AAAA', 'MEUCIQ'),
    userHandle: fc.option(fc.constantFrom('AAAA', 'dXNlcg'), { nil: undefined }),
  })
  .map(({ id, ...response }) => JSON.stringify({ id, rawId: id, type: 'public-key', response, clientExtensionResults: {} }));

const responseField = fc.oneof(junkText, fakeAssertion);

async function passkeyCount(userId: string): Promise<number> {
  const [row] = await testSql()`select count(*)::int as n from passkeys where user_id = ${userId}`;
  return row.n as number;
}

test('passwordless sign-in and its options: junk answers sign nobody in, each logged once as passkey_failed', async () => {
  test.setTimeout(120_000);
  const ip = uniqueIp();
  const signIn = actionId('submitPasskeySignIn', '(auth)/actions');
  const options = actionId('passkeySignInOptions', '(auth)/actions');

  await fc.assert(
    fc.asyncProperty(responseField, fc.option(fc.constantFrom('/account', '//evil.example', 'https://evil.example/', '/\\evil'), { nil: undefined }), async (response, callbackUrl) => {
      const logged = await testSql()`select count(*)::int as n from login_events where ip = ${ip}`;
      const fields: Array<[string, string]> = [['response', response]];
      if (callbackUrl) fields.push(['callbackUrl', callbackUrl]);
      const result = await callAction('/login', signIn, IDLE_STATE_AND_FORM, fields, { ip });
      expect(result.setCookie.some((cookie) => cookie.includes('session-token=') && !cookie.includes('session-token=;'))).toBe(false);
      const after = await testSql()<{ reason: string; success: boolean; user_id: string | null }[]>`select reason, success, user_id from login_events where ip = ${ip} order by id`;
      // A well-formed answer is checked and logged; one that is not even shaped like one is refused as input, unlogged.
      const added = after.slice(logged[0].n as number);
      expect(added.length).toBeLessThanOrEqual(1);
      for (const row of added) expect(row).toEqual({ reason: 'passkey_failed', success: false, user_id: null });
    }),
    { numRuns: 40, endOnFailure: true },
  );

  // The options name no account and each call stores exactly one challenge, hashed.
  const challengesBefore = await testSql()`select count(*)::int as n from webauthn_challenges where user_id is null and purpose = 'sign_in'`;
  for (const args of ['[]', '[null]', '["x"]', IDLE_STATE_AND_FORM]) {
    const result = await callAction('/login', options, args, [], { ip });
    expect(result.status).toBe(200);
    expect(result.text).toContain('"allowCredentials":[]');
  }
  const challengesAfter = await testSql()`select count(*)::int as n from webauthn_challenges where user_id is null and purpose = 'sign_in'`;
  expect((challengesAfter[0].n as number) - (challengesBefore[0].n as number)).toBe(4);
  // No session from this client's address (other specs sign in beside this one: a global count races them).
  expect((await testSql()`select count(*)::int as n from sessions where ip = ${ip}`)[0].n).toBe(0);
});

test('passwordless sign-in options past the per-IP limit: a translated refusal, never a 5xx, no challenge stored', async () => {
  test.setTimeout(120_000);
  const ip = uniqueIp();
  const options = actionId('passkeySignInOptions', '(auth)/actions');
  const stored = async () => (await testSql()`select count(*)::int as n from webauthn_challenges where user_id is null and purpose = 'sign_in'`)[0].n as number;
  const before = await stored();
  let granted = 0;
  // Up to the limit (PASSKEY_SIGN_IN_OPTIONS_PER_IP_PER_MINUTE), then refused; other addresses unaffected.
  for (; granted < 200; granted += 1) {
    const result = await callAction('/login', options, '[]', [], { ip });
    if (!result.text.includes('"status":"ok"')) {
      expect(result.status).toBe(200);
      expect(result.text).toContain('Too many passkey sign-ins from your network');
      break;
    }
  }
  expect(granted).toBeGreaterThan(0);
  expect(granted).toBeLessThan(200);
  const korean = await callAction('/login', options, '[]', [], { ip, language: 'ko-KR,ko;q=0.9' });
  expect(korean.text).toContain('이 네트워크에서 패스키 로그인 시도가 너무 많아요');
  for (const args of ['[null]', '["x"]', IDLE_STATE_AND_FORM]) expect((await callAction('/login', options, args, [], { ip })).text).toContain('"status":"error"');
  expect((await callAction('/login', options, '[]', [], { ip: uniqueIp() })).text).toContain('"status":"ok"');
  // Other specs ask for sign-in challenges beside this one, so at least this spec's (tests/integration/passkeys.test.ts counts exactly).
  expect((await stored()) - before).toBeGreaterThanOrEqual(granted + 1);
});

test('Security page actions: junk adds and removes nothing, and a stranger’s passkey stays', async () => {
  test.setTimeout(120_000);
  const ip = uniqueIp();
  const user = await createUser();
  const stranger = await createUser();
  const cookie = await sessionCookieFor(user, ip);
  const [strangerKey] = await testSql()<{ id: string }[]>`
    insert into passkeys (user_id, credential_id, public_key, device_type, backed_up, name)
    values (${stranger.id}, ${`fuzz-${stranger.id}`}, 'AAAA', 'singleDevice', false, 'Stranger key') returning id`;
  const add = actionId('submitAddPasskey', 'security/actions');
  const remove = actionId('submitRemovePasskey', 'security/actions');
  const stepUp = actionId('submitPasskeyStepUp', 'security/actions');
  const page = '/account/security';

  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('add', 'remove', 'step-up'),
      responseField,
      fc.oneof(junkText, fc.constantFrom('Laptop', strangerKey.id, '00000000-0000-4000-8000-000000000000')),
      fc.option(fc.constantFrom('on', 'off', ''), { nil: undefined }),
      fc.boolean(),
      async (which, response, text, confirm, signedIn) => {
        const options = { ip, cookie: signedIn ? cookie : undefined };
        if (which === 'add') await callAction(page, add, IDLE_STATE_AND_FORM, [['name', text], ['response', response]], options);
        else if (which === 'remove') {
          const fields: Array<[string, string]> = [['passkeyId', text], ['response', response]];
          if (confirm !== undefined) fields.push(['confirm', confirm]);
          await callAction(page, remove, IDLE_STATE_AND_FORM, fields, options);
        } else await callAction(page, stepUp, IDLE_STATE_AND_FORM, [['response', response], ['next', text]], options);
        expect(await passkeyCount(user.id)).toBe(0);
        expect(await passkeyCount(stranger.id)).toBe(1);
      },
    ),
    { numRuns: 60, endOnFailure: true },
  );
  const mails = await testSql()`select count(*)::int as n from mail_outbox where template = 'passkey-added' and to_address in (${user.email}, ${stranger.email})`;
  expect(mails[0].n).toBe(0);
});

test('the passkey second step without a pending sign-in: back to /login, and its actions sign nobody in', async () => {
  const ip = uniqueIp();
  for (const query of ['', '?x=1', '?next=//evil.example']) {
    const response = await fetchOrTimeout(`/login/two-step/passkey${query}`, { headers: { 'x-forwarded-for': ip } });
    caseLog.count();
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get('location')!, process.env.E2E_BASE_URL).pathname).toBe('/login');
  }
  const submit = actionId('submitPasskeySecondFactor', '(auth)/actions');
  const options = actionId('passkeySecondFactorOptions', '(auth)/actions');
  await fc.assert(
    fc.asyncProperty(responseField, async (response) => {
      const result = await callAction('/login/two-step/passkey', submit, IDLE_STATE_AND_FORM, [['response', response]], { ip });
      expect(result.setCookie.some((cookie) => cookie.includes('session-token=') && !cookie.includes('session-token=;'))).toBe(false);
    }),
    { numRuns: 15, endOnFailure: true },
  );
  const result = await callAction('/login/two-step/passkey', options, '[]', [], { ip });
  expect(result.text).toContain('"status":"error"');
});
