// Security properties seen from outside, over plain HTTP:
// - no account enumeration: sign-up, login, resend verification and forgot password answer the same
//   words for an address with an account and one without (their timing is a benchmark, not a test:
//   `npm run bench:enumeration` measures the medians against the 10 % goal);
// - the cron routes refuse a missing or wrong secret;
// - a server action posted from another origin is not run.
// Covered elsewhere, not repeated here: a `callbackUrl` to another origin is ignored
// (login-protection.spec.ts); verification, reset and email-change links are single use, expire and
// refuse tampering (signup.spec.ts, password-reset.spec.ts, account-email.spec.ts).
import { expect, test } from '@playwright/test';
import { type Entries, postForm, readActionForm, sessionCookieFor } from './fixtures/action-forms';
import { compareKnownAndUnknown, ENUMERATION_PROBES } from '../support/enumeration-probes';
import { uniqueIp } from './fixtures/client-ip';
import { testSql } from './fixtures/db';
import { createUser, uniqueEmail } from './fixtures/users';

const BASE_URL = process.env.E2E_BASE_URL!;


test.describe('no account enumeration', () => {
  for (const probe of ENUMERATION_PROBES) {
    test(`${probe.name}: the same answer for an address with an account and one without`, async () => {
      const result = await compareKnownAndUnknown(probe, 5);
      expect(result.answers, `${probe.name}: one answer for both`).toHaveLength(1);
    });
  }
});

test('the cron routes answer 401 without the right secret', async () => {
  const secret = process.env.E2E_CRON_SECRET!;
  const wrong: Array<Record<string, string>> = [
    {},
    { authorization: 'Bearer' },
    { authorization: 'Bearer wrong-secret' },
    { authorization: `Bearer ${secret}x` },
    { authorization: `Bearer ${secret.slice(0, -1)}` },
    { authorization: `Basic ${Buffer.from(`cron:${secret}`).toString('base64')}` },
    { authorization: secret },
    { 'x-cron-secret': secret },
  ];
  for (const path of ['/api/cron/mail', '/api/cron/retention']) {
    for (const headers of wrong) {
      const response = await fetch(new URL(path, BASE_URL), { headers });
      expect(response.status, `${path} with ${JSON.stringify(headers)}`).toBe(401);
    }
    expect((await fetch(new URL(`${path}?secret=${secret}`, BASE_URL))).status).toBe(401);
    expect((await fetch(new URL(path, BASE_URL), { method: 'POST', headers: { authorization: `Bearer ${secret}x` } })).status).not.toBe(200);
  }
  // The right secret is let in (so the refusals above are about the secret).
  expect((await fetch(new URL('/api/cron/mail', BASE_URL), { headers: { authorization: `Bearer ${secret}` } })).status).toBe(200);
});

test.describe('server actions from another origin are not run', () => {
  test('sign-up posted from evil.example creates no account', async () => {
    const email = uniqueEmail('cross-origin');
    const form = Object.entries(await readActionForm('/signup', 'name="terms"'));
    const entries: Entries = [...form, ['name', 'Mallory'], ['email', email], ['password', 'a good long password 7'], ['terms', 'on']];
    const response = await postForm('/signup', entries, { origin: 'https://evil.example', ip: uniqueIp() });
    expect(response.status).toBe(403);
    const [row] = await testSql()`select count(*)::int as n from users where email = ${email}`;
    expect(row.n).toBe(0);
    // The same post from the app's own origin does create it (so the refusal is about the origin).
    const same = await postForm('/signup', entries, { ip: uniqueIp() });
    expect(same.headers.get('location')).toContain('/signup/check-email');
  });

  test('a withdrawal posted from evil.example with the victim\'s cookie and password leaves the account open', async () => {
    const user = await createUser();
    const ip = uniqueIp();
    const cookie = await sessionCookieFor(user, ip);
    const form = Object.entries(await readActionForm('/account/withdraw', 'name="confirmation"', cookie));
    const entries: Entries = [...form, ['currentPassword', user.password], ['confirmation', 'DELETE']];
    const response = await postForm('/account/withdraw', entries, { cookie, origin: 'https://evil.example', ip });
    expect(response.status).toBe(403);
    const [row] = await testSql()`select status, session_version from users where id = ${user.id}`;
    expect(row).toEqual({ status: 'active', session_version: 1 });
  });
});
