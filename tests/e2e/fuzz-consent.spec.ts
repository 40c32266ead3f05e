// Malformed input at the consent actions and routes, over plain HTTP: the /consent confirmation
// (the one action reachable without a session, by a mailed link), the admin's withdrawal of consent,
// and the pages and export with odd query strings. Whatever arrives: never a 5xx, the form answers
// with a message, and a consent ends at most once, with exactly one result mail.
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { type Entries, fetchOrTimeout, postForm, readActionForm, sessionCookieFor } from './fixtures/action-forms';
import { uniqueIp } from './fixtures/client-ip';
import { runRetentionSweep } from './fixtures/cron';
import { testSql } from './fixtures/db';
import { waitForDeliveredMail } from './fixtures/outbox';
import { createUser, type TestUser } from './fixtures/users';
import { fuzzCases } from './fixtures/fuzz';

test.describe.configure({ mode: 'default' });

const junk = fc.oneof(
  fc.constantFrom('', ' ', '\0', 'yes', 'on', 'keep', 'stop', '../../etc/passwd', '<script>x</script>', '\ud800', 'a'.repeat(5_000), '00000000-0000-4000-8000-000000000000'),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
const RUNS = { numRuns: 30, endOnFailure: true };

const caseLog = fuzzCases('fuzz-consent');

/** The form's own hidden fields, each kept, dropped, doubled or replaced, plus junk fields. */
const formCase = (fields: string[]) =>
  fc.record({
    fields: fc.tuple(...fields.map(() => fc.constantFrom('keep', 'keep', 'drop', 'double', 'junk'))),
    junk: fc.array(junk, { minLength: fields.length, maxLength: fields.length }),
    extra: fc.array(fc.tuple(fc.constantFrom('token', 'userId', 'confirm', '$ACTION_ID_x', 'channel'), junk), { maxLength: 2 }),
  });

function entriesFor(hidden: Record<string, string>, fields: string[], fuzzed: { fields: string[]; junk: string[]; extra: Array<[string, string]> }): Entries {
  const entries: Entries = Object.entries(hidden).filter(([name]) => name.startsWith('$ACTION'));
  fields.forEach((name, index) => {
    const real = hidden[name] ?? '';
    const how = fuzzed.fields[index];
    if (how === 'keep') entries.push([name, real]);
    if (how === 'double') entries.push([name, real], [name, fuzzed.junk[index]]);
    if (how === 'junk') entries.push([name, fuzzed.junk[index]]);
  });
  return [...entries, ...fuzzed.extra];
}

async function posted(path: string, entries: Entries, options: { cookie?: string; ip: string }): Promise<string> {
  caseLog.count();
  const response = await postForm(path, entries, options);
  const body = await response.text();
  expect(response.status, `${path}: ${body.slice(0, 300)}`).toBeLessThan(500);
  if (response.status === 200) expect(/role="alert"|class="notice success"|aria-invalid="true"/.test(body), `${path}: a message`).toBe(true);
  return body;
}

async function consentState(user: TestUser) {
  const [row] = await testSql()`
    select marketing_email_consent_at is not null as email, marketing_sms_consent_at is not null as sms,
      (select count(*)::int from mail_outbox where to_address = ${user.email} and template = 'consent-changed') as result_mails
    from users where id = ${user.id}`;
  return row;
}

test('/consent: tampered, doubled and missing tokens never fail; the real one ends the consent once', async ({ request }) => {
  test.setTimeout(120_000);
  const user = await createUser();
  await testSql()`update users set marketing_email_consent_at = now() - interval '800 days', marketing_email_confirmed_at = now() - interval '800 days' where id = ${user.id}`;
  await runRetentionSweep(request);
  const stop = new URL((await waitForDeliveredMail(user.email, 'consent-reconfirm')).link('token=stop.'));
  const path = `${stop.pathname}${stop.search}`;
  const hidden = await readActionForm(path, 'name="token"');
  const ip = uniqueIp();
  await fc.assert(
    fc.asyncProperty(formCase(['token']), async (fuzzed) => {
      await posted(path, entriesFor(hidden, ['token'], fuzzed), { ip });
      const state = await consentState(user);
      // Either the consent stands and nothing was mailed, or it ended with exactly one result mail.
      expect(state.email ? state.result_mails === 0 : state.result_mails === 1, JSON.stringify(state)).toBe(true);
    }),
    RUNS,
  );
});

test('admin withdrawal of consent: forged ids and missing confirmations change nothing', async () => {
  test.setTimeout(120_000);
  const admin = await createUser({ role: 'admin' });
  const target = await createUser();
  const bystander = await createUser();
  const sql = testSql();
  await sql`update users set marketing_email_consent_at = now(), marketing_email_confirmed_at = now() where id in ${sql([target.id, bystander.id])}`;
  const ip = uniqueIp();
  const cookie = await sessionCookieFor(admin, ip);
  const path = `/admin/users/${target.id}`;
  const hidden = await readActionForm(path, 'aria-label="Withdraw marketing consent"', cookie);
  await fc.assert(
    fc.asyncProperty(formCase(['userId', 'confirm']), async (fuzzed) => {
      const entries = entriesFor({ ...hidden, confirm: 'yes' }, ['userId', 'confirm'], fuzzed);
      await posted(path, entries, { cookie, ip });
      const state = await consentState(target);
      expect(state.email ? state.result_mails === 0 : state.result_mails === 1, JSON.stringify(state)).toBe(true);
    }),
    RUNS,
  );
  expect(await consentState(bystander)).toEqual({ email: true, sms: false, result_mails: 0 });
});

test('consent pages and the audience export with odd query strings: never a 5xx, never data for a stranger', async () => {
  test.setTimeout(120_000);
  const admin = await createUser({ role: 'admin' });
  const person = await createUser();
  const adminCookie = await sessionCookieFor(admin, uniqueIp());
  const personCookie = await sessionCookieFor(person, uniqueIp());
  const param = junk.map((value) => encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8')));
  await fc.assert(
    fc.asyncProperty(param, async (value) => {
      for (const [path, cookie, expected] of [
        [`/consent?token=${value}`, undefined, 200],
        [`/consent?token=keep.${value}&token=stop.${value}`, undefined, 200],
        [`/account/privacy?x=${value}`, personCookie, 200],
        [`/admin/marketing/export?x=${value}`, undefined, 404],
        [`/admin/marketing/export?x=${value}`, personCookie, 404],
        [`/admin/marketing?x=${value}`, adminCookie, 200],
      ] as const) {
        caseLog.count();
        const response = await fetchOrTimeout(path, { headers: cookie ? { cookie } : {} });
        const body = await response.text();
        expect(response.status, `${path}: ${body.slice(0, 200)}`).toBe(expected);
        if (path.startsWith('/consent')) expect(body).toContain('This link is no longer valid');
      }
    }),
    { numRuns: 15, endOnFailure: true },
  );
  const exported = await fetchOrTimeout('/admin/marketing/export', { headers: { cookie: adminCookie } });
  expect(exported.status).toBe(200);
  expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  await exported.text();
});
