// formAction (lib/actions/form-action.ts) through the actions built with it, called as the
// browser's useActionState calls them: the audience first, then the form, then a fresh sign-in,
// then the handler, each answer the state the form shows. The admin audience (404 to everyone
// else, schema-less actions run for an admin) is admin-access.spec.ts and admin-users.spec.ts; an
// action that throws, database-outage.spec.ts.
import { expect, test } from '@playwright/test';
import { actionId, actionStateOf, fetchAction, IDLE_STATE_AND_FORM, sessionCookieFor } from './fixtures/action-forms';
import { uniqueIp } from './fixtures/client-ip';
import { testSql } from './fixtures/db';
import { waitForOutboxRow } from './fixtures/outbox';
import { agedSessionCookie, createUser, uniqueEmail } from './fixtures/users';

const AUTH = '(auth)/actions';
const ACCOUNT = '(account)/actions';

test('a visitor action gets its input as the schema made it: the address trimmed and lowercased', async () => {
  const user = await createUser();
  const result = await fetchAction('/forgot-password', actionId('requestPasswordReset', AUTH), IDLE_STATE_AND_FORM, [['email', `  ${user.email.toUpperCase()} `]], {
    ip: uniqueIp(),
  });
  expect(actionStateOf(result.text)).toEqual({ status: 'success', message: 'If an account exists for that address, we sent a reset link.' });
  await waitForOutboxRow(user.email, 'reset-password');
});

test('refused input gets every field error and the typed values back, never a password, and reaches nothing', async () => {
  const email = uniqueEmail('refused');
  const result = await fetchAction(
    '/signup',
    actionId('signUp', AUTH),
    IDLE_STATE_AND_FORM,
    [
      ['name', ''],
      ['email', ` ${email} `],
      ['password', 'x7Qz'],
    ],
    { ip: uniqueIp() },
  );
  expect(actionStateOf(result.text)).toEqual({
    status: 'error',
    fieldErrors: {
      name: ['This field is required.'],
      password: ['Use at least 8 characters.'],
      terms: ['To sign up, agree to the Terms and Privacy Policy.'],
    },
    values: { name: '', email: ` ${email} ` },
  });
  expect(result.text).not.toContain('x7Qz');
  expect(result.redirect).toBeNull();
  expect(await testSql()`select id from users where email = ${email}`).toEqual([]);
});

test('an action may answer refused input its own way', async () => {
  const cookie = await sessionCookieFor(await createUser(), uniqueIp());
  const result = await fetchAction('/account/connections', actionId('disconnectProvider', 'connections/actions'), IDLE_STATE_AND_FORM, [['provider', 'no-such-provider']], {
    cookie,
  });
  expect(actionStateOf(result.text)).toEqual({ status: 'error', fieldErrors: {}, formError: 'That service is not connected.' });
});

/** Save on the Profile form of /account (the `user` audience, without allowExpiredPassword). */
function saveProfile(name: string, cookie?: string) {
  return fetchAction('/account', actionId('saveProfile', ACCOUNT), IDLE_STATE_AND_FORM, [['name', name]], { cookie });
}

test('a signed-out caller of a user action is sent to log in before the form is read', async () => {
  // The empty name is refused by the schema: that answer would mean the form was read first.
  expect((await saveProfile('')).redirect).toBe('/login?callbackUrl=%2Faccount');
});

test('a user action gets the signed-in user; with an expired password only the password form does', async () => {
  const user = await createUser();
  const ip = uniqueIp();
  const cookie = await sessionCookieFor(user, ip);
  expect(actionStateOf((await saveProfile('Renamed Person', cookie)).text)).toEqual({ status: 'success', message: 'Your profile was saved.' });
  expect(await testSql()`select name from users where id = ${user.id}`).toEqual([{ name: 'Renamed Person' }]);

  await testSql()`update users set password_expired = true where id = ${user.id}`;
  expect((await saveProfile('Not Saved', cookie)).redirect).toBe('/account/password?expired=1');
  const change = await fetchAction(
    '/account/password',
    actionId('submitPasswordChange', ACCOUNT),
    IDLE_STATE_AND_FORM,
    [
      ['currentPassword', 'not the password'],
      ['newPassword', 'a brand new password'],
      ['confirmPassword', 'a brand new password'],
    ],
    { cookie, ip },
  );
  expect(actionStateOf(change.text)).toEqual({ status: 'error', fieldErrors: { currentPassword: ['The current password is not correct.'] } });
  expect(await testSql()`select name from users where id = ${user.id}`).toEqual([{ name: 'Renamed Person' }]);
});

test('a fresh-user action checks the sign-in after the form: refused input first, then the stale sign-in, with its code', async () => {
  const user = await createUser();
  const fresh = await sessionCookieFor(user, uniqueIp());
  // Two passkeys (after the login, which would otherwise ask for one): removing one leaves a factor, so it needs no passkey answer.
  const sql = testSql();
  const [first, second] = await sql<{ id: string }[]>`
    insert into passkeys (user_id, credential_id, public_key, device_type, backed_up, name)
    values (${user.id}, ${`form-action-a-${user.id}`}, 'AAAA', 'singleDevice', false, 'Laptop'),
           (${user.id}, ${`form-action-b-${user.id}`}, 'AAAA', 'singleDevice', false, 'Phone')
    returning id`;
  const stale = await agedSessionCookie(fresh, 11);
  const remove = actionId('submitRemovePasskey', 'security/actions');
  const call = (cookie: string, fields: Array<[string, string]>) => fetchAction('/account/security', remove, IDLE_STATE_AND_FORM, fields, { cookie });

  const refused = await call(stale, [['passkeyId', 'not-an-id']]);
  expect(actionStateOf(refused.text)).toMatchObject({ status: 'error', fieldErrors: { passkeyId: [expect.any(String)], confirm: [expect.any(String)] } });
  expect(actionStateOf(refused.text).code).toBeUndefined();

  const staleAnswer = actionStateOf((await call(stale, [['passkeyId', first.id], ['confirm', 'on']])).text);
  expect(staleAnswer).toMatchObject({ status: 'error', fieldErrors: {}, code: 'stale-sign-in' });
  expect(staleAnswer.formError).toMatch(/^To add or remove a passkey, confirm it is you: log in again/);
  expect((await sql`select id from passkeys where user_id = ${user.id} order by name`).map((row) => row.id)).toEqual([first.id, second.id]);

  expect(actionStateOf((await call(fresh, [['passkeyId', first.id], ['confirm', 'on']])).text)).toEqual({ status: 'success', message: 'Passkey removed.' });
  expect((await sql`select id from passkeys where user_id = ${user.id}`).map((row) => row.id)).toEqual([second.id]);
});
