// Malformed input at the /account/phone actions (Send code, Verify, Remove number) over plain HTTP:
// missing, repeated and extra fields, files where text belongs, odd digits and Unicode, huge values,
// tampered action ids. Whatever arrives: never a 5xx, the form answers with a message, no code for
// a number that does not parse, no number verified by a guess, and the account limit holds.
import { expect, test } from '@playwright/test';
import fc from 'fast-check';
import { type Entries, postForm, readActionForm, sessionCookieFor } from './fixtures/action-forms';
import { uniqueIp } from './fixtures/client-ip';
import { testSql } from './fixtures/db';
import { createUser } from './fixtures/users';
import { fuzzCases } from './fixtures/fuzz';

const caseLog = fuzzCases('fuzz-sms');

const PAGE = '/account/phone';

const oddPhones = fc.constantFrom(
  '',
  ' ',
  '\0',
  '010',
  '010-0000-0000',
  '+82 10 1234 5678',
  '+821012345678',
  '+1 415 555 2671',
  '+999 123',
  '０１０-１２３４-５６７８',
  '٠١٠١٢٣٤٥٦٧٨',
  '010\u202e1234\u202c5678',
  '010-1234-5678; drop table users',
  '1'.repeat(41),
  '9'.repeat(5_000),
  '😀',
  'null',
  '[]',
);
const oddCodes = fc.constantFrom('', '000000', '12345', '1234567', '12 34 56', '١٢٣٤٥٦', '123456\0', 'abcdef', '-12345', '1e5', '9'.repeat(5_000));
const text = (specific: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 4, arbitrary: specific }, { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) }, { weight: 1, arbitrary: fc.stringMatching(/^01[0-9]{8,9}$/) });
type Value = string | { file: string };
const valueOf = (specific: fc.Arbitrary<string>): fc.Arbitrary<Value> =>
  fc.oneof({ weight: 9, arbitrary: text(specific) }, { weight: 1, arbitrary: text(specific).map((file) => ({ file })) });

function cases(field: string, specific: fc.Arbitrary<string>) {
  return fc.record({
    values: fc.option(fc.array(valueOf(specific), { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 5 }),
    extra: fc.array(fc.tuple(fc.constantFrom('userId', 'phoneVerifiedAt', '$ACTION_REF_9', field), valueOf(specific)), { maxLength: 2 }),
    action: fc.constantFrom('intact', 'intact', 'intact', 'intact', 'drop', 'bad-id'),
  });
}
type Case = ReturnType<typeof cases> extends fc.Arbitrary<infer T> ? T : never;

function entriesFor(hidden: Record<string, string>, field: string, fuzzed: Case): Entries {
  const entries: Entries = [];
  for (const [name, original] of Object.entries(hidden)) {
    if (!name.startsWith('$ACTION') || fuzzed.action === 'drop') continue;
    entries.push(fuzzed.action === 'bad-id' && name.startsWith('$ACTION_ID') ? ['$ACTION_ID_00deadbeef00deadbeef00deadbeef00deadbeef00', ''] : [name, original]);
  }
  const asValue = (item: Value): string | Blob => (typeof item === 'string' ? item : new Blob([item.file], { type: 'application/octet-stream' }));
  for (const item of fuzzed.values ?? []) entries.push([field, asValue(item)]);
  for (const [name, item] of fuzzed.extra) entries.push([name, asValue(item)]);
  return entries;
}


async function fuzzPhoneForm(options: { marker: string; field: string; values: fc.Arbitrary<string>; runs: number; cookie: string; ip: string }) {
  const hidden = await readActionForm(PAGE, options.marker, options.cookie);
  await fc.assert(
    fc.asyncProperty(cases(options.field, options.values), async (fuzzed) => {
      const response = await postForm(PAGE, entriesFor(hidden, options.field, fuzzed), { cookie: options.cookie, ip: options.ip });
      const body = await response.text();
      caseLog.count();
      expect(response.status, `${options.field} ${JSON.stringify(fuzzed).slice(0, 300)}: ${body.slice(0, 300)}`).toBeLessThan(500);
      if (fuzzed.action === 'intact' && response.status === 200) {
        expect(/aria-invalid="true"|role="alert"|class="notice success"/.test(body), `${options.field}: the form shows a message`).toBe(true);
      }
    }),
    { numRuns: options.runs, endOnFailure: true },
  );
}

test('Send code and Verify: never a 5xx, no guessed verification, the account limit holds', async () => {
  test.setTimeout(180_000);
  const user = await createUser();
  const ip = uniqueIp();
  const cookie = await sessionCookieFor(user, ip);
  await fuzzPhoneForm({ marker: 'name="phone"', field: 'phone', values: oddPhones, runs: 60, cookie, ip });
  const codes = await testSql()`select phone from phone_codes where user_id = ${user.id}`;
  expect(codes.length).toBeLessThanOrEqual(10);
  expect(codes.every((row) => /^\+82\d{8,10}$/.test(row.phone))).toBe(true);

  if (codes.length) await fuzzPhoneForm({ marker: 'name="code"', field: 'code', values: oddCodes, runs: 40, cookie, ip });
  const [row] = await testSql()`select phone, phone_verified_at from users where id = ${user.id}`;
  expect(row).toEqual({ phone: null, phone_verified_at: null });
});

test('Remove number: never a 5xx, and it removes only the own number', async () => {
  test.setTimeout(120_000);
  const user = await createUser();
  const other = await createUser();
  await testSql()`update users set phone = '+821055519999', phone_verified_at = now() where id = ${other.id}`;
  await testSql()`update users set phone = '+821055519998', phone_verified_at = now() where id = ${user.id}`;
  const ip = uniqueIp();
  const cookie = await sessionCookieFor(user, ip);
  const hidden = await readActionForm(PAGE, 'Remove number', cookie);
  await fc.assert(
    fc.asyncProperty(cases('userId', fc.constant(other.id)), async (fuzzed) => {
      const response = await postForm(PAGE, entriesFor(hidden, 'userId', fuzzed), { cookie, ip });
      caseLog.count();
      expect(response.status).toBeLessThan(500);
    }),
    { numRuns: 25, endOnFailure: true },
  );
  const [kept] = await testSql()`select phone from users where id = ${other.id}`;
  expect(kept.phone).toBe('+821055519999');
});
