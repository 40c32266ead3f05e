import { and, eq, isNull } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { findAdminUserView, searchUsersByEmail } from '@/db/admin-users';
import { adminAudit, authTokens, dormantAccounts, mailOutbox, users } from '@/db/schema';
import { withAdminAudit } from '@/lib/admin/audit';
import { createAdmin } from '@/lib/admin/create-admin';
import { expireUserPassword, resendUserVerification, restoreUserAccount, unlockUserAccount } from '@/lib/admin/manage-user';
import { retryFailedMail } from '@/lib/mail/retry';
import { resetDatabase } from './fixtures/database';
import { insertUser } from './fixtures/users';

describe('admin user management', () => {
  beforeEach(resetDatabase);

  it('finds live and dormant accounts by address prefix, in address order, page by page', async () => {
    await insertUser({ email: 'park@a.test' });
    await insertUser({ email: 'pak@a.test' });
    await insertUser({ email: 'pa_x@a.test' });
    await insertUser({ email: 'lee@a.test' });
    const dormant = await insertUser({ email: null, status: 'dormant', dormantAt: new Date() });
    const db = await getDb();
    await db.insert(dormantAccounts).values({ userId: dormant.id, email: 'pam@a.test' });

    const first = await searchUsersByEmail({ prefix: 'pa', limit: 2 });
    expect(first.rows.map((row) => row.email)).toEqual(['pa_x@a.test', 'pak@a.test']);
    const second = await searchUsersByEmail({ prefix: 'pa', after: first.next!, limit: 2 });
    expect(second.rows.map((row) => row.email)).toEqual(['pam@a.test', 'park@a.test']);
    expect(second.rows[0].status).toBe('dormant');
    expect(second.next).toBeNull();
    expect((await searchUsersByEmail({ prefix: '', limit: 10 })).rows).toHaveLength(5);
  });

  it('unlocks, expires the password of and restores an account', async () => {
    const user = await insertUser({
      email: 'locked@a.test',
      failedLoginCount: 10,
      lockedUntil: new Date(Date.now() + 3_600_000),
      status: 'withdrawn',
      withdrawnAt: new Date(),
    });
    expect((await findAdminUserView(user.id))?.locked).toBe(true);
    expect(await unlockUserAccount(user.id)).toEqual({ status: 'done' });
    expect(await expireUserPassword(user.id)).toEqual({ status: 'done' });
    expect(await restoreUserAccount(user.id, new Date())).toEqual({ status: 'done' });
    expect(await restoreUserAccount(user.id, new Date())).toEqual({ status: 'not-applicable' });
    const view = await findAdminUserView(user.id);
    expect(view).toMatchObject({ locked: false, failedLoginCount: 0, passwordExpired: true, status: 'active', withdrawnAt: null });
    expect(await unlockUserAccount('00000000-0000-4000-8000-000000000000')).toEqual({ status: 'not-found' });
  });

  it('does not restore an account whose grace period is over', async () => {
    const withdrawnAt = new Date(Date.now() - 60 * 86_400_000);
    const user = await insertUser({ email: 'late@a.test', status: 'withdrawn', withdrawnAt });
    expect(await restoreUserAccount(user.id, new Date())).toEqual({ status: 'not-applicable' });
    expect(await restoreUserAccount(user.id, new Date(withdrawnAt.getTime() + 60 * 86_400_000 - 1000))).toEqual({ status: 'done' });
  });

  it('writes an admin change and its audit entry together, or neither', async () => {
    const user = await insertUser({ email: 'audited@a.test', failedLoginCount: 10, lockedUntil: new Date(Date.now() + 3_600_000) });
    const admin = await insertUser({ email: 'boss@a.test', role: 'admin' });
    const db = await getDb();
    await expect(
      withAdminAudit(admin, 'user.unlock', (tx) => unlockUserAccount(user.id, tx), () => {
        throw new Error('the audit entry could not be written');
      }),
    ).rejects.toThrow('could not be written');
    expect((await findAdminUserView(user.id))?.locked).toBe(true);
    expect(await db.select().from(adminAudit).where(eq(adminAudit.action, 'user.unlock'))).toEqual([]);

    expect(await withAdminAudit(admin, 'user.unlock', (tx) => unlockUserAccount(user.id, tx), (result) => ({ target: user.id, details: { outcome: result.status } }))).toEqual({ status: 'done' });
    expect((await findAdminUserView(user.id))?.locked).toBe(false);
    const entries = await db.select().from(adminAudit).where(eq(adminAudit.action, 'user.unlock'));
    expect(entries.map((entry) => [entry.adminEmail, entry.target, entry.details])).toEqual([['boss@a.test', user.id, { outcome: 'done' }]]);
  });

  it('resends verification: a new token, earlier unused ones gone, one mail with the link', async () => {
    const user = await insertUser({ email: 'new@a.test', emailVerifiedAt: null, locale: 'ko' });
    const db = await getDb();
    await db.insert(authTokens).values({ userId: user.id, purpose: 'verify_email', tokenHash: 'old', expiresAt: new Date(Date.now() + 1e6) });
    expect(await resendUserVerification(user.id, new Date())).toEqual({ status: 'done' });
    const tokens = await db.select().from(authTokens).where(and(eq(authTokens.userId, user.id), isNull(authTokens.usedAt)));
    expect(tokens.map((token) => token.tokenHash)).not.toContain('old');
    expect(tokens).toHaveLength(1);
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'new@a.test'));
    expect(mail).toMatchObject({ template: 'verify-email', locale: 'ko', status: 'pending' });
    expect(String(mail.props?.verifyUrl)).toMatch(/\/verify-email\?token=[\w-]{43}$/);

    const verified = await insertUser({ email: 'done@a.test' });
    expect(await resendUserVerification(verified.id, new Date())).toEqual({ status: 'not-applicable' });
  });

  it('re-queues one failed mail or all of them', async () => {
    const db = await getDb();
    const rows = await db
      .insert(mailOutbox)
      .values(
        ['a', 'b', 'c'].map((key) => ({ toAddress: `${key}@a.test`, template: 'verify-email', status: 'failed' as const, attempts: 8, lastError: 'boom', dedupeKey: key })),
      )
      .returning();
    expect(await retryFailedMail({ id: rows[0].id })).toBe(1);
    const [one] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, rows[0].id));
    expect(one).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await retryFailedMail({})).toBe(2);
    expect(await retryFailedMail({})).toBe(0);
  });

  it('creates a verified admin, promotes an existing account once, and refuses a weak password', async () => {
    const now = new Date();
    expect(await createAdmin({ email: 'boss@a.test', password: 'short', now })).toEqual({ status: 'weak-password' });
    expect(await createAdmin({ email: 'boss@a.test', password: 'password1234', now })).toEqual({ status: 'weak-password' });
    const created = await createAdmin({ email: 'boss@a.test', password: 'a long admin passphrase', now });
    expect(created.status).toBe('created');
    const member = await insertUser({ email: 'member@a.test', emailVerifiedAt: null });
    expect(await createAdmin({ email: 'member@a.test', now })).toEqual({ status: 'promoted', userId: member.id });
    expect(await createAdmin({ email: 'member@a.test', now })).toEqual({ status: 'already-admin', userId: member.id });
    const db = await getDb();
    const [promoted] = await db.select().from(users).where(eq(users.id, member.id));
    expect(promoted).toMatchObject({ role: 'admin', passwordHash: member.passwordHash, sessionVersion: 2 });
    expect(promoted.emailVerifiedAt).not.toBeNull();
    const [boss] = await db.select().from(users).where(eq(users.email, 'boss@a.test'));
    expect(boss).toMatchObject({ role: 'admin', status: 'active' });
    expect(boss.emailVerifiedAt).not.toBeNull();
  });
});
