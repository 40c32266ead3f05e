import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { authTokens, consentEvents, dormantAccounts, loginEvents, mailOutbox, users } from '@/db/schema';
import { changePassword } from '@/lib/account/change-password';
import { confirmEmailChange } from '@/lib/account/confirm-email-change';
import { cancelEmailChange, findPendingEmailChange } from '@/lib/account/pending-email-change';
import { requestEmailChange } from '@/lib/account/request-email-change';
import { declineRestore, findRestoreOffer, restoreAccount } from '@/lib/account/restore-account';
import { updateMarketingConsent } from '@/lib/account/update-marketing-consent';
import { updateProfile, updateTimeZone } from '@/lib/account/update-profile';
import { withdrawAccount } from '@/lib/account/withdraw-account';
import { attemptLogin } from '@/lib/auth/login';
import { verifyPassword } from '@/lib/auth/password-hash';
import { sendPasswordResetLink, resetPasswordWithToken } from '@/lib/auth/password-reset';
import { issueRestoreTicket, readRestoreTicket } from '@/lib/auth/restore-ticket';
import { confirmTotpSetup, startTotpSetup } from '@/lib/two-step/authenticator';
import { totpCodeAt, totpStep } from '@/lib/two-step/totp';
import { resetDatabase } from './fixtures/database';
import { insertUser, PASSWORD } from './fixtures/users';

const DAY = 24 * 60 * 60 * 1000;

async function userById(id: string) {
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

async function mailsTo(address: string) {
  const db = await getDb();
  return db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, address));
}

/** The token inside the confirmation link mailed to `address`. */
async function confirmTokenSentTo(address: string): Promise<string> {
  const [mail] = await mailsTo(address);
  return new URL(String(mail.props?.confirmUrl)).searchParams.get('token') ?? '';
}

describe('account', () => {
  beforeEach(resetDatabase);

  describe('updateProfile', () => {
    it('saves the name and leaves the phone number and the time zone to their own pages', async () => {
      const user = await insertUser({ timeZone: 'Asia/Tokyo' });
      expect(await updateProfile(user.id, { name: 'Min-ji Kim' })).toEqual({ status: 'updated' });
      expect(await userById(user.id)).toMatchObject({ name: 'Min-ji Kim', phone: null, timeZone: 'Asia/Tokyo' });
    });

    it('saves the time zone alone, and null goes back to the service zone', async () => {
      const user = await insertUser({ name: 'Min-ji Kim' });
      expect(await updateTimeZone(user.id, 'Europe/Berlin')).toEqual({ status: 'updated' });
      expect(await userById(user.id)).toMatchObject({ name: 'Min-ji Kim', timeZone: 'Europe/Berlin' });
      expect(await updateTimeZone(user.id, null)).toEqual({ status: 'updated' });
      expect(await userById(user.id)).toMatchObject({ name: 'Min-ji Kim', timeZone: null });
      expect(await updateTimeZone('00000000-0000-0000-0000-000000000000', 'Europe/Berlin')).toEqual({ status: 'not-found' });
    });

    it("mails in the person's time zone once it is saved", async () => {
      const user = await insertUser({ timeZone: 'America/New_York' });
      expect(await changePassword({ userId: user.id, currentPassword: PASSWORD, newPassword: 'a new long password', locale: 'en', now: new Date() })).toEqual({ status: 'changed' });
      expect(await mailsTo(user.email!)).toMatchObject([{ template: 'password-changed', timeZone: 'America/New_York' }]);
    });
  });

  describe('updateMarketingConsent', () => {
    it('records grants and withdrawals per channel, keeping the original grant time while it stands', async () => {
      const user = await insertUser({ phone: '+821055550001', phoneVerifiedAt: new Date('2026-02-01T00:00:00Z') });
      const t1 = new Date('2026-03-01T00:00:00Z');
      const t2 = new Date('2026-03-02T00:00:00Z');
      const t3 = new Date('2026-03-03T00:00:00Z');
      expect(await updateMarketingConsent({ userId: user.id, email: true, sms: false, ip: '203.0.113.7', now: t1 })).toEqual({ status: 'saved', changed: ['email'] });
      expect(await updateMarketingConsent({ userId: user.id, email: true, sms: true, ip: '203.0.113.7', now: t2 })).toEqual({ status: 'saved', changed: ['sms'] });
      expect(await userById(user.id)).toMatchObject({ marketingEmailConsentAt: t1, marketingSmsConsentAt: t2 });

      await updateMarketingConsent({ userId: user.id, email: false, sms: true, ip: null, now: t3 });
      expect(await userById(user.id)).toMatchObject({ marketingEmailConsentAt: null, marketingSmsConsentAt: t2 });

      const db = await getDb();
      const events = await db.select().from(consentEvents).where(eq(consentEvents.userId, user.id)).orderBy(consentEvents.id);
      expect(events.map((event) => [event.channel, event.granted, event.ip, event.createdAt])).toEqual([
        ['email', true, '203.0.113.7', t1],
        ['sms', true, '203.0.113.7', t2],
        ['email', false, null, t3],
      ]);
    });
  });

  describe('changePassword', () => {
    it('refuses a wrong current password and changes nothing', async () => {
      const user = await insertUser();
      const outcome = await changePassword({ userId: user.id, currentPassword: 'wrong', newPassword: 'a new long password', locale: 'en', now: new Date() });
      expect(outcome).toEqual({ status: 'wrong-password' });
      expect(await userById(user.id)).toMatchObject({ passwordHash: user.passwordHash, sessionVersion: user.sessionVersion });
      expect(await mailsTo(user.email!)).toHaveLength(0);
    });

    it('refuses the current password as the new one', async () => {
      const user = await insertUser();
      const outcome = await changePassword({ userId: user.id, currentPassword: PASSWORD, newPassword: PASSWORD, locale: 'en', now: new Date() });
      expect(outcome).toEqual({ status: 'same-password' });
    });

    it('sets the new hash, clears expiry, ends sessions, voids reset links and mails the owner', async () => {
      const user = await insertUser({ passwordExpired: true, locale: 'ko' });
      const db = await getDb();
      await db.insert(authTokens).values({ userId: user.id, purpose: 'reset_password', tokenHash: 'reset-hash', expiresAt: new Date(Date.now() + DAY) });
      const now = new Date('2026-04-01T09:00:00Z');
      const outcome = await changePassword({ userId: user.id, currentPassword: PASSWORD, newPassword: 'a new long password', locale: 'en', now });
      expect(outcome).toEqual({ status: 'changed' });

      const after = await userById(user.id);
      expect(await verifyPassword(after.passwordHash, 'a new long password')).toBe(true);
      expect(after).toMatchObject({ passwordExpired: false, passwordChangedAt: now, sessionVersion: user.sessionVersion + 1 });
      const [reset] = await db.select().from(authTokens).where(eq(authTokens.tokenHash, 'reset-hash'));
      expect(reset.usedAt).toEqual(now);
      const [mail] = await mailsTo(user.email!);
      expect(mail).toMatchObject({ template: 'password-changed', locale: 'ko' });
      expect(mail.props).toMatchObject({ changedAt: now.toISOString() });
    });
  });

  describe('email change', () => {
    it('refuses a wrong password or the same address', async () => {
      const user = await insertUser();
      const base = { userId: user.id, locale: 'en' as const, now: new Date() };
      expect(await requestEmailChange({ ...base, newEmail: 'new@example.com', currentPassword: 'wrong' })).toEqual({ status: 'wrong-password' });
      expect(await requestEmailChange({ ...base, newEmail: user.email!, currentPassword: PASSWORD })).toEqual({ status: 'same-email' });
      expect(await findPendingEmailChange(user.id, new Date())).toBeNull();
    });

    it('mails a single-use link to the new address and changes the email only when it is opened', async () => {
      const user = await insertUser();
      const now = new Date();
      const requested = await requestEmailChange({ userId: user.id, newEmail: 'new@example.com', currentPassword: PASSWORD, locale: 'en', now });
      expect(requested.status).toBe('sent');
      expect(await findPendingEmailChange(user.id, now)).toMatchObject({ newEmail: 'new@example.com' });
      expect((await userById(user.id)).email).toBe(user.email);

      const [confirmMail] = await mailsTo('new@example.com');
      expect(confirmMail.template).toBe('change-email-confirm');
      const confirmUrl = new URL(String(confirmMail.props?.confirmUrl));
      expect(confirmUrl.pathname).toBe('/account/email/confirm');
      const token = confirmUrl.searchParams.get('token')!;

      expect(await confirmEmailChange(token, new Date())).toEqual({ status: 'changed', newEmail: 'new@example.com' });
      const after = await userById(user.id);
      expect(after.email).toBe('new@example.com');
      expect(after.emailVerifiedAt).toEqual(user.emailVerifiedAt);
      const [notice] = await mailsTo(user.email!);
      expect(notice).toMatchObject({ template: 'email-changed' });
      expect(notice.props).toMatchObject({ oldEmail: user.email, newEmail: 'new@example.com' });

      expect(await confirmEmailChange(token, new Date())).toEqual({ status: 'used' });
      expect(await confirmEmailChange('not-a-token', new Date())).toEqual({ status: 'invalid' });
      expect(await findPendingEmailChange(user.id, new Date())).toBeNull();
    });

    it('expires the link after CHANGE_EMAIL_TTL_MINUTES', async () => {
      const user = await insertUser();
      const now = new Date();
      await requestEmailChange({ userId: user.id, newEmail: 'late@example.com', currentPassword: PASSWORD, locale: 'en', now });
      const token = await confirmTokenSentTo('late@example.com');
      expect(await confirmEmailChange(token, new Date(now.getTime() + 61 * 60_000))).toEqual({ status: 'expired' });
      expect((await userById(user.id)).email).toBe(user.email);
    });

    it('sends nothing for an address another account holds, but answers and records the same', async () => {
      const user = await insertUser();
      const other = await insertUser();
      const dormant = await insertUser({ email: null, status: 'dormant' });
      const db = await getDb();
      await db.insert(dormantAccounts).values({ userId: dormant.id, email: 'sleeping@example.com' });

      for (const address of [other.email!, 'sleeping@example.com']) {
        const outcome = await requestEmailChange({ userId: user.id, newEmail: address, currentPassword: PASSWORD, locale: 'en', now: new Date() });
        expect(outcome.status).toBe('sent');
        expect(await findPendingEmailChange(user.id, new Date())).toMatchObject({ newEmail: address });
        expect(await mailsTo(address)).toHaveLength(0);
      }
    });

    it('checks the address again when the link is opened (live and dormant accounts)', async () => {
      const user = await insertUser();
      await requestEmailChange({ userId: user.id, newEmail: 'contested@example.com', currentPassword: PASSWORD, locale: 'en', now: new Date() });
      const token = await confirmTokenSentTo('contested@example.com');
      await insertUser({ email: 'contested@example.com' });
      expect(await confirmEmailChange(token, new Date())).toEqual({ status: 'taken' });
      expect((await userById(user.id)).email).toBe(user.email);

      await requestEmailChange({ userId: user.id, newEmail: 'dormant@example.com', currentPassword: PASSWORD, locale: 'en', now: new Date() });
      const second = await confirmTokenSentTo('dormant@example.com');
      const dormant = await insertUser({ email: null, status: 'dormant' });
      const db = await getDb();
      await db.insert(dormantAccounts).values({ userId: dormant.id, email: 'dormant@example.com' });
      expect(await confirmEmailChange(second, new Date())).toEqual({ status: 'taken' });
      expect((await userById(user.id)).email).toBe(user.email);
    });

    it('a new request or Cancel voids the earlier link', async () => {
      const user = await insertUser();
      await requestEmailChange({ userId: user.id, newEmail: 'first@example.com', currentPassword: PASSWORD, locale: 'en', now: new Date() });
      const first = await confirmTokenSentTo('first@example.com');
      await requestEmailChange({ userId: user.id, newEmail: 'second@example.com', currentPassword: PASSWORD, locale: 'en', now: new Date() });
      expect(await confirmEmailChange(first, new Date())).toEqual({ status: 'used' });

      const second = await confirmTokenSentTo('second@example.com');
      expect(await cancelEmailChange(user.id, new Date())).toEqual({ status: 'cancelled' });
      expect(await findPendingEmailChange(user.id, new Date())).toBeNull();
      expect(await confirmEmailChange(second, new Date())).toEqual({ status: 'used' });
      expect((await userById(user.id)).email).toBe(user.email);
    });
  });

  describe('links that do not survive security changes', () => {
    const linkToken = (url: unknown) => new URL(String(url)).searchParams.get('token') ?? '';

    async function resetTokenSentTo(address: string): Promise<string> {
      const mails = await mailsTo(address);
      return linkToken(mails.find((mail) => mail.template === 'reset-password')?.props?.resetUrl);
    }

    it('a reset link sent to the old address stops working once the email has changed', async () => {
      const user = await insertUser();
      expect(await sendPasswordResetLink(user.email!, new Date())).toEqual({ status: 'sent' });
      const resetToken = await resetTokenSentTo(user.email!);
      await requestEmailChange({ userId: user.id, newEmail: 'moved@example.com', currentPassword: PASSWORD, locale: 'en', now: new Date() });
      expect(await confirmEmailChange(await confirmTokenSentTo('moved@example.com'), new Date())).toMatchObject({ status: 'changed' });

      expect(await resetPasswordWithToken(resetToken, 'a password chosen by a thief', new Date())).toEqual({ status: 'invalid' });
      expect(await verifyPassword((await userById(user.id)).passwordHash, PASSWORD)).toBe(true);
    });

    it('a pending email-change link stops working after a password change', async () => {
      const user = await insertUser();
      await requestEmailChange({ userId: user.id, newEmail: 'thief@example.com', currentPassword: PASSWORD, locale: 'en', now: new Date() });
      const token = await confirmTokenSentTo('thief@example.com');
      expect(await changePassword({ userId: user.id, currentPassword: PASSWORD, newPassword: 'a new long password', locale: 'en', now: new Date() })).toEqual({ status: 'changed' });

      expect(await confirmEmailChange(token, new Date())).not.toMatchObject({ status: 'changed' });
      expect((await userById(user.id)).email).toBe(user.email);
      expect(await findPendingEmailChange(user.id, new Date())).toBeNull();
    });

    it('a pending email-change link stops working after a password reset', async () => {
      const user = await insertUser();
      await requestEmailChange({ userId: user.id, newEmail: 'thief@example.com', currentPassword: PASSWORD, locale: 'en', now: new Date() });
      const token = await confirmTokenSentTo('thief@example.com');
      await sendPasswordResetLink(user.email!, new Date());
      expect(await resetPasswordWithToken(await resetTokenSentTo(user.email!), 'a new long password', new Date())).toEqual({ status: 'reset' });

      expect(await confirmEmailChange(token, new Date())).not.toMatchObject({ status: 'changed' });
      expect((await userById(user.id)).email).toBe(user.email);
      expect(await findPendingEmailChange(user.id, new Date())).toBeNull();
    });
  });

  describe('current password on sensitive forms', () => {
    const MINUTE = 60_000;
    const now = new Date('2026-06-01T00:00:00Z');
    const later = (ms: number) => new Date(now.getTime() + ms);

    it('refuses every form, even with the right password, after REAUTH_FAILURE_LIMIT wrong ones in the window', async () => {
      const user = await insertUser();
      const base = { userId: user.id, locale: 'en' as const };
      // Five wrong answers spread over the three forms share one count per account.
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect(await changePassword({ ...base, currentPassword: 'wrong', newPassword: 'a new long password', now: later(attempt * MINUTE) })).toEqual({ status: 'wrong-password' });
      }
      expect(await requestEmailChange({ ...base, newEmail: 'moved@example.com', currentPassword: 'wrong', now: later(3 * MINUTE) })).toEqual({ status: 'wrong-password' });
      expect(await withdrawAccount({ ...base, confirmation: { kind: 'password', password: 'wrong' }, reason: null, now: later(4 * MINUTE) })).toEqual({ status: 'wrong-password' });

      expect(await changePassword({ ...base, currentPassword: PASSWORD, newPassword: 'a new long password', now: later(5 * MINUTE) })).toEqual({ status: 'too-many-attempts' });
      expect(await requestEmailChange({ ...base, newEmail: 'moved@example.com', currentPassword: PASSWORD, now: later(5 * MINUTE) })).toEqual({ status: 'too-many-attempts' });
      expect(await withdrawAccount({ ...base, confirmation: { kind: 'password', password: PASSWORD }, reason: null, now: later(5 * MINUTE) })).toEqual({ status: 'too-many-attempts' });
      expect(await userById(user.id)).toMatchObject({ status: 'active', passwordHash: user.passwordHash, sessionVersion: user.sessionVersion });
      expect(await mailsTo('moved@example.com')).toHaveLength(0);

      // Fifteen minutes after the first failure one answer is free again, and the right one works.
      expect(await changePassword({ ...base, currentPassword: PASSWORD, newPassword: 'a new long password', now: later(15 * MINUTE + 1) })).toEqual({ status: 'changed' });
    });

    it('does not count right answers, and keeps other accounts out of it', async () => {
      const user = await insertUser();
      const other = await insertUser();
      for (let attempt = 0; attempt < 4; attempt += 1) {
        await requestEmailChange({ userId: user.id, locale: 'en', newEmail: 'x@example.com', currentPassword: 'wrong', now: later(attempt) });
      }
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect(await requestEmailChange({ userId: user.id, locale: 'en', newEmail: `ok${attempt}@example.com`, currentPassword: PASSWORD, now: later(10 + attempt) })).toMatchObject({ status: 'sent' });
      }
      expect(await requestEmailChange({ userId: other.id, locale: 'en', newEmail: 'y@example.com', currentPassword: 'wrong', now: later(20) })).toEqual({ status: 'wrong-password' });
      expect(await requestEmailChange({ userId: user.id, locale: 'en', newEmail: 'z@example.com', currentPassword: 'wrong', now: later(30) })).toEqual({ status: 'wrong-password' });
      expect(await requestEmailChange({ userId: user.id, locale: 'en', newEmail: 'z@example.com', currentPassword: PASSWORD, now: later(40) })).toEqual({ status: 'too-many-attempts' });
    });

    it('holds the limit against parallel guesses', async () => {
      const user = await insertUser();
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, () => changePassword({ userId: user.id, currentPassword: 'wrong', newPassword: 'a new long password', locale: 'en', now })),
      );
      const statuses = outcomes.map((outcome) => outcome.status);
      expect(statuses.filter((status) => status === 'wrong-password')).toHaveLength(5);
      expect(statuses.filter((status) => status === 'too-many-attempts')).toHaveLength(7);
    });
  });

  describe('withdrawal and restore', () => {
    it('a wrong password changes nothing', async () => {
      const user = await insertUser();
      const outcome = await withdrawAccount({ userId: user.id, confirmation: { kind: 'password', password: 'wrong' }, reason: null, locale: 'en', now: new Date() });
      expect(outcome).toEqual({ status: 'wrong-password' });
      expect(await userById(user.id)).toMatchObject({ status: 'active', withdrawnAt: null, sessionVersion: user.sessionVersion });
      expect(await mailsTo(user.email!)).toHaveLength(0);
    });

    it('closes the account, ends sessions and mails the deletion date', async () => {
      const user = await insertUser();
      const now = new Date('2026-05-01T03:00:00Z');
      const outcome = await withdrawAccount({ userId: user.id, confirmation: { kind: 'password', password: PASSWORD }, reason: 'privacy: too much data', locale: 'en', now });
      const deletionDate = new Date(now.getTime() + 60 * DAY);
      expect(outcome).toEqual({ status: 'withdrawn', deletionDate });
      expect(await userById(user.id)).toMatchObject({
        status: 'withdrawn',
        withdrawnAt: now,
        withdrawalReason: 'privacy: too much data',
        sessionVersion: user.sessionVersion + 1,
      });
      const [mail] = await mailsTo(user.email!);
      expect(mail.template).toBe('withdrawal-confirmed');
      expect(mail.props).toMatchObject({ deletionDate: deletionDate.toISOString(), withdrawnAt: now.toISOString() });
    });

    it('an account without a password is closed by a recent sign-in, not an old one', async () => {
      const user = await insertUser({ passwordHash: null, passwordChangedAt: null });
      const now = new Date('2026-05-01T03:00:00Z');
      const signedIn = (minutesAgo: number) => Math.floor(now.getTime() / 1000) - minutesAgo * 60;

      const stale = await withdrawAccount({ userId: user.id, confirmation: { kind: 'fresh_sign_in', authTime: signedIn(11) }, reason: null, locale: 'en', now });
      expect(stale).toEqual({ status: 'stale-sign-in' });
      const typed = await withdrawAccount({ userId: user.id, confirmation: { kind: 'password', password: '' }, reason: null, locale: 'en', now });
      expect(typed).toEqual({ status: 'wrong-password' });
      expect(await userById(user.id)).toMatchObject({ status: 'active', sessionVersion: user.sessionVersion });
      expect(await mailsTo(user.email!)).toHaveLength(0);

      const fresh = await withdrawAccount({ userId: user.id, confirmation: { kind: 'fresh_sign_in', authTime: signedIn(9) }, reason: 'other', locale: 'en', now });
      expect(fresh).toEqual({ status: 'withdrawn', deletionDate: new Date(now.getTime() + 60 * DAY) });
      expect(await userById(user.id)).toMatchObject({ status: 'withdrawn', withdrawnAt: now, sessionVersion: user.sessionVersion + 1 });
      expect((await mailsTo(user.email!)).map((mail) => mail.template)).toEqual(['withdrawal-confirmed']);
    });

    it('an account with a password needs the password even right after a sign-in', async () => {
      const user = await insertUser();
      const now = new Date();
      const outcome = await withdrawAccount({
        userId: user.id,
        confirmation: { kind: 'fresh_sign_in', authTime: Math.floor(now.getTime() / 1000) },
        reason: null,
        locale: 'en',
        now,
      });
      expect(outcome).toEqual({ status: 'password-required' });
      expect((await userById(user.id)).status).toBe('active');
    });

    it('login with the right password on a withdrawn account logs the attempt and issues a restore ticket', async () => {
      const user = await insertUser();
      await withdrawAccount({ userId: user.id, confirmation: { kind: 'password', password: PASSWORD }, reason: null, locale: 'en', now: new Date() });
      const outcome = await attemptLogin({ email: user.email!, password: PASSWORD, ip: '198.51.100.1', userAgent: 'test', now: new Date() });
      expect(outcome.status).toBe('withdrawn');
      const ticket = outcome.status === 'withdrawn' ? outcome.restoreTicket : '';
      expect(await readRestoreTicket(ticket, new Date())).toEqual({ userId: user.id });
      const db = await getDb();
      const events = await db.select().from(loginEvents).where(eq(loginEvents.userId, user.id));
      expect(events.map((event) => [event.success, event.reason])).toEqual([[false, 'withdrawn']]);
    });

    it('offers no restore once the grace period is over, even before the sweep has deleted the account', async () => {
      const user = await insertUser();
      const withdrawnAt = new Date(Date.now() - 60 * DAY);
      await withdrawAccount({ userId: user.id, confirmation: { kind: 'password', password: PASSWORD }, reason: null, locale: 'en', now: withdrawnAt });
      const now = new Date(withdrawnAt.getTime() + 60 * DAY);
      const outcome = await attemptLogin({ email: user.email!, password: PASSWORD, ip: '198.51.100.1', userAgent: 'test', now });
      expect(outcome).toEqual({ status: 'invalid' });
      const justBefore = await attemptLogin({ email: user.email!, password: PASSWORD, ip: '198.51.100.1', userAgent: 'test', now: new Date(now.getTime() - 1000) });
      expect(justBefore.status).toBe('withdrawn');
    });

    it('restores the account once per ticket, logging a successful login', async () => {
      const user = await insertUser();
      const withdrawnAt = new Date(Date.now() - 10 * DAY);
      await withdrawAccount({ userId: user.id, confirmation: { kind: 'password', password: PASSWORD }, reason: 'other', locale: 'en', now: withdrawnAt });
      const db = await getDb();
      const ticket = await issueRestoreTicket(db, user.id, new Date());
      expect(await findRestoreOffer(ticket, new Date())).toEqual({ userId: user.id, deletionDate: new Date(withdrawnAt.getTime() + 60 * DAY) });

      const outcome = await restoreAccount({ ticket, method: 'restore', ip: '198.51.100.2', userAgent: 'test', now: new Date() });
      expect(outcome).toEqual({ status: 'restored', userId: user.id });
      expect(await userById(user.id)).toMatchObject({ status: 'active', withdrawnAt: null, withdrawalReason: null, sessionVersion: user.sessionVersion + 2 });
      const events = await db.select().from(loginEvents).where(and(eq(loginEvents.userId, user.id), eq(loginEvents.success, true)));
      expect(events.map((event) => event.reason)).toEqual(['ok']);

      expect(await restoreAccount({ ticket, method: 'restore', ip: null, userAgent: null, now: new Date() })).toEqual({ status: 'invalid' });
    });

    it('with two-step on, a restore is logged as waiting for the second factor (a passkey restore as a login)', async () => {
      const db = await getDb();
      const withdrawnAt = new Date(Date.now() - 10 * DAY);
      const restoredBy = async (method: 'restore' | 'passkey') => {
        const user = await insertUser({ lastLoginAt: withdrawnAt });
        const now = new Date();
        const setup = await startTotpSetup(user.id, now);
        if (setup.status !== 'pending') throw new Error('no set-up');
        expect((await confirmTotpSetup(user.id, totpCodeAt(setup.secret, totpStep(now)), now)).status).toBe('enabled');
        await withdrawAccount({ userId: user.id, confirmation: { kind: 'password', password: PASSWORD }, reason: null, locale: 'en', now: withdrawnAt });
        const ticket = await issueRestoreTicket(db, user.id, now);
        expect(await restoreAccount({ ticket, method, ip: null, userAgent: null, now })).toEqual({ status: 'restored', userId: user.id });
        const events = await db.select().from(loginEvents).where(eq(loginEvents.userId, user.id));
        return { events: events.map((event) => [event.reason, event.success]), row: await userById(user.id) };
      };
      const held = await restoredBy('restore');
      expect(held.events).toEqual([['two_step_required', false]]);
      expect(held.row).toMatchObject({ status: 'active', lastLoginAt: withdrawnAt });
      const byPasskey = await restoredBy('passkey');
      expect(byPasskey.events).toEqual([['ok', true]]);
      expect(byPasskey.row.lastLoginAt?.getTime()).toBeGreaterThan(withdrawnAt.getTime());
    });

    it('refuses an expired ticket, a declined one, and an account past its deletion date', async () => {
      const user = await insertUser();
      await withdrawAccount({ userId: user.id, confirmation: { kind: 'password', password: PASSWORD }, reason: null, locale: 'en', now: new Date() });
      const db = await getDb();
      const stale = await issueRestoreTicket(db, user.id, new Date(Date.now() - 16 * 60_000));
      expect(await findRestoreOffer(stale, new Date())).toBeNull();
      expect(await restoreAccount({ ticket: stale, method: 'restore', ip: null, userAgent: null, now: new Date() })).toEqual({ status: 'invalid' });

      const declined = await issueRestoreTicket(db, user.id, new Date());
      await declineRestore(declined, new Date());
      expect(await restoreAccount({ ticket: declined, method: 'restore', ip: null, userAgent: null, now: new Date() })).toEqual({ status: 'invalid' });

      const late = await issueRestoreTicket(db, user.id, new Date());
      const afterDeletionDate = new Date(Date.now() + 61 * DAY);
      expect(await restoreAccount({ ticket: late, method: 'restore', ip: null, userAgent: null, now: afterDeletionDate })).toEqual({ status: 'invalid' });
      expect((await userById(user.id)).status).toBe('withdrawn');
    });
  });
});
