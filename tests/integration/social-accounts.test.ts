import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { accounts, dormantAccounts, loginEvents, mailOutbox, users } from '@/db/schema';
import { setInitialPassword } from '@/lib/auth/set-initial-password';
import { completeSocialSignIn, type SocialSignInInput, type SocialSignInOutcome } from '@/lib/auth/social/complete-social-sign-in';
import { linkProviderAccount, listConnectedAccounts, unlinkProviderAccount } from '@/lib/auth/social/provider-accounts';
import { resetDatabase } from './fixtures/database';
import { insertUser } from './fixtures/users';

const now = new Date('2025-03-01T10:00:00Z');

async function link(userId: string, provider: string, providerAccountId = `${provider}-${userId}`) {
  return linkProviderAccount(await getDb(), { userId, provider, providerAccountId, type: 'oauth', now });
}

function signIn(overrides: Partial<SocialSignInInput> = {}): Promise<SocialSignInOutcome> {
  return completeSocialSignIn({
    provider: 'oidc',
    providerAccountId: 'subject-1',
    accountType: 'oidc',
    identity: { email: 'new@example.com', emailVerified: true, name: 'New Person' },
    intent: null,
    locale: 'ko',
    ip: '203.0.113.9',
    userAgent: 'vitest',
    now,
    ...overrides,
  });
}

async function eventsFor(provider = 'oidc') {
  const db = await getDb();
  return db.select().from(loginEvents).where(eq(loginEvents.provider, provider)).orderBy(loginEvents.id);
}

describe('social sign-in', () => {
  beforeEach(resetDatabase);

  it('makes a verified account with no password on a first sign-in, and signs in to it after', async () => {
    const first = await signIn();
    expect(first.status).toBe('created');
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.email, 'new@example.com'));
    expect(user).toMatchObject({ passwordHash: null, name: 'New Person', locale: 'ko', status: 'active' });
    expect(user.emailVerifiedAt).toEqual(now);
    expect(await listConnectedAccounts(user.id)).toEqual([{ provider: 'oidc', providerAccountId: 'subject-1', linkedAt: now }]);

    const again = await signIn({ identity: { email: 'changed@example.com', emailVerified: true, name: 'Other' } });
    expect(again).toEqual({ status: 'signed-in', userId: user.id });
    const events = await eventsFor();
    expect(events.map((event) => [event.reason, event.success, event.userId, event.ip])).toEqual([
      ['ok', true, user.id, '203.0.113.9'],
      ['ok', true, user.id, '203.0.113.9'],
    ]);
  });

  it('never links by address: an existing live or dormant address asks its owner to link', async () => {
    const owner = (await insertUser({ email: 'new@example.com' })).id;
    expect(await signIn()).toEqual({ status: 'link-required' });
    const dormant = (await insertUser({ email: null, status: 'dormant' })).id;
    const db = await getDb();
    await db.insert(dormantAccounts).values({ userId: dormant, email: 'sleeping@example.com' });
    expect(await signIn({ providerAccountId: 'subject-2', identity: { email: 'sleeping@example.com', emailVerified: true, name: null } })).toEqual({
      status: 'link-required',
    });
    expect(await db.select().from(accounts)).toEqual([]);
    const events = await eventsFor();
    expect(events.map((event) => [event.reason, event.success, event.userId])).toEqual([
      ['link_required', false, owner],
      ['link_required', false, dormant],
    ]);
  });

  it('makes no account from an address the provider has not verified', async () => {
    expect(await signIn({ identity: { email: 'new@example.com', emailVerified: false, name: null } })).toEqual({ status: 'email-unverified' });
    expect(await signIn({ identity: { email: null, emailVerified: false, name: null } })).toEqual({ status: 'email-unverified' });
    expect(await (await getDb()).select().from(users)).toEqual([]);
  });

  it('sends a withdrawn or dormant account to restore or reactivation instead of signing in', async () => {
    const withdrawn = (await insertUser({ status: 'withdrawn', withdrawnAt: now })).id;
    await link(withdrawn, 'oidc', 'gone');
    expect(await signIn({ providerAccountId: 'gone' })).toEqual({ status: 'withdrawn', userId: withdrawn });
    const dormant = (await insertUser({ email: null, status: 'dormant' })).id;
    await link(dormant, 'oidc', 'asleep');
    expect(await signIn({ providerAccountId: 'asleep' })).toEqual({ status: 'dormant', userId: dormant });
    // Past the grace period the account only waits for the sweep: no restore is offered.
    const closed = (await insertUser({ status: 'withdrawn', withdrawnAt: new Date(now.getTime() - 60 * 86_400_000) })).id;
    await link(closed, 'oidc', 'closed');
    expect(await signIn({ providerAccountId: 'closed' })).toEqual({ status: 'closed' });
    expect((await eventsFor()).map((event) => [event.reason, event.success])).toEqual([
      ['withdrawn', false],
      ['dormant', false],
      ['withdrawn', false],
    ]);
  });

  it('links for a signed-in person who asked to, whatever the provider says the address is', async () => {
    const userId = (await insertUser({ email: 'me@example.com' })).id;
    const intent = { purpose: 'link' as const, userId, provider: 'oidc' };
    expect(await signIn({ intent, identity: { email: 'someone@else.example', emailVerified: false, name: null } })).toEqual({ status: 'linked', userId });
    expect((await listConnectedAccounts(userId)).map((account) => account.provider)).toEqual(['oidc']);
    // An intent for another provider does not apply.
    const other = (await insertUser()).id;
    expect(await signIn({ providerAccountId: 'subject-9', intent: { purpose: 'link', userId: other, provider: 'google' } })).toEqual({
      status: 'created',
      userId: expect.any(String),
    });
  });

  it('does not move a provider account linked to someone else, nor link a second one at the same provider', async () => {
    const first = (await insertUser()).id;
    await link(first, 'oidc', 'subject-1');
    const second = (await insertUser()).id;
    expect(await signIn({ intent: { purpose: 'link', userId: second, provider: 'oidc' } })).toEqual({ status: 'link-conflict', conflict: 'linked-elsewhere' });
    expect(await signIn({ providerAccountId: 'subject-2', intent: { purpose: 'link', userId: first, provider: 'oidc' } })).toEqual({
      status: 'link-conflict',
      conflict: 'provider-taken',
    });
    expect((await listConnectedAccounts(second)).length).toBe(0);
    expect((await eventsFor()).map((event) => [event.reason, event.userId])).toEqual([
      ['link_conflict', second],
      ['link_conflict', first],
    ]);
  });

  it('reauthenticates only with a provider account of the signed-in person', async () => {
    const me = (await insertUser()).id;
    await link(me, 'oidc', 'mine');
    const someone = (await insertUser()).id;
    await link(someone, 'oidc', 'theirs');
    const intent = { purpose: 'reauthenticate' as const, userId: me, provider: 'oidc' };
    expect(await signIn({ providerAccountId: 'mine', intent })).toEqual({ status: 'reauthenticated', userId: me });
    expect(await signIn({ providerAccountId: 'theirs', intent })).toEqual({ status: 'reauth-mismatch' });
    expect(await signIn({ providerAccountId: 'unknown', intent })).toEqual({ status: 'reauth-mismatch' });
    expect((await (await getDb()).select().from(users)).length).toBe(2);
  });
});

describe('linking and unlinking', () => {
  beforeEach(resetDatabase);

  it('refuses to unlink the last way to sign in until a password is set', async () => {
    const userId = (await insertUser({ passwordHash: null })).id;
    await link(userId, 'google');
    expect(await unlinkProviderAccount(userId, 'google')).toEqual({ status: 'last-method' });

    await link(userId, 'kakao');
    expect(await unlinkProviderAccount(userId, 'google')).toEqual({ status: 'unlinked' });
    expect(await unlinkProviderAccount(userId, 'kakao')).toEqual({ status: 'last-method' });

    expect(await setInitialPassword(userId, 'a long new password', now)).toEqual({ status: 'set' });
    expect(await unlinkProviderAccount(userId, 'kakao')).toEqual({ status: 'unlinked' });
    expect(await listConnectedAccounts(userId)).toEqual([]);
    expect(await unlinkProviderAccount(userId, 'kakao')).toEqual({ status: 'not-linked' });
  });

  it('lets two unlinks race without leaving the account with no way in', async () => {
    const userId = (await insertUser({ passwordHash: null })).id;
    await link(userId, 'google');
    await link(userId, 'naver');
    const results = await Promise.all([unlinkProviderAccount(userId, 'google'), unlinkProviderAccount(userId, 'naver')]);
    expect(results.map((result) => result.status).sort()).toEqual(['last-method', 'unlinked']);
    expect((await listConnectedAccounts(userId)).length).toBe(1);
  });

  it('keeps one account per provider and never moves one between people', async () => {
    const a = (await insertUser()).id;
    const b = (await insertUser()).id;
    expect(await link(a, 'github', '100')).toEqual({ status: 'linked' });
    expect(await link(a, 'github', '100')).toEqual({ status: 'already-linked' });
    expect(await link(b, 'github', '100')).toEqual({ status: 'linked-elsewhere' });
    expect(await link(a, 'github', '200')).toEqual({ status: 'provider-taken' });
    const db = await getDb();
    const rows = await db.select().from(accounts).where(and(eq(accounts.provider, 'github')));
    expect(rows.map((row) => [row.userId, row.providerAccountId])).toEqual([[a, '100']]);
  });
});

describe('setInitialPassword', () => {
  beforeEach(resetDatabase);

  it('sets a first password and tells the owner, but never replaces one', async () => {
    const socialOnly = (await insertUser({ passwordHash: null, email: 'social@example.com' })).id;
    expect(await setInitialPassword(socialOnly, 'a long new password', now)).toEqual({ status: 'set' });
    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.id, socialOnly));
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordChangedAt).toEqual(now);
    const mail = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'social@example.com'));
    expect(mail.map((row) => row.template)).toEqual(['password-changed']);

    expect(await setInitialPassword(socialOnly, 'another password', now)).toEqual({ status: 'password-exists' });
    const withPassword = (await insertUser()).id;
    expect(await setInitialPassword(withPassword, 'another password', now)).toEqual({ status: 'password-exists' });
    expect(await setInitialPassword('00000000-0000-0000-0000-000000000000', 'x', now)).toEqual({ status: 'not-found' });
  });
});
