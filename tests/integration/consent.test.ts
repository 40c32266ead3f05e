// Marketing consent through its lifecycle: the result notice of every change, the two-year
// reconfirmation and its links, and the ends that dormancy, withdrawal and admins put to it; the
// inactivity policy "delete"; the yearly notice of use; the marketing audience.
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { listMarketingAudience } from '@/db/admin-marketing-audience';
import { consentEvents, mailOutbox, users } from '@/db/schema';
import { updateMarketingConsent } from '@/lib/account/update-marketing-consent';
import { withdrawAccount } from '@/lib/account/withdraw-account';
import { withdrawUserMarketingConsent } from '@/lib/admin/manage-user';
import { hashPassword } from '@/lib/auth/password-hash';
import { signUp } from '@/lib/auth/sign-up';
import { config } from '@/lib/config';
import { answerConsentLink, checkConsentLink } from '@/lib/consent/answer-consent-link';
import { consentLinkKey, signConsentLink } from '@/lib/consent/consent-link';
import { runSweep } from '@/lib/retention/run-sweep';
import { resetDatabase } from './fixtures/database';
import { ago, days, LONG_STANDING, mailsTo, NOW, userRow, verifiedPhone } from './fixtures/retention';
import { insertUser } from './fixtures/users';

const sweep = (now = NOW, settings?: Parameters<typeof runSweep>[0]['settings']) => runSweep({ now, trigger: 'cli', drainMs: 0, settings });
const later = (n: number) => new Date(NOW.getTime() + days(n));

async function eventsOf(userId: string) {
  const db = await getDb();
  return db
    .select({ channel: consentEvents.channel, granted: consentEvents.granted, source: consentEvents.source })
    .from(consentEvents)
    .where(eq(consentEvents.userId, userId))
    .orderBy(consentEvents.id);
}

async function templatesTo(address: string) {
  return (await mailsTo(address)).map((mail) => mail.template);
}

/** An account whose email consent was given (and last confirmed) `daysAgo` before NOW. */
async function consenting(daysAgo: number, overrides: Parameters<typeof insertUser>[0] = {}) {
  const id = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(days(10)), ...overrides })).id;
  await updateMarketingConsent({ userId: id, email: true, sms: false, ip: '203.0.113.9', now: ago(days(daysAgo)) });
  const db = await getDb();
  await db.delete(mailOutbox);
  return id;
}

function tokenFrom(url: string) {
  return new URL(url).searchParams.get('token')!;
}

describe('marketing consent', () => {
  beforeEach(resetDatabase);

  it('mails the result of every change once, with sender, channel, date and result', async () => {
    const id = (await insertUser({ ...LONG_STANDING, locale: 'ko', ...verifiedPhone() })).id;
    const { email } = await userRow(id);
    await updateMarketingConsent({ userId: id, email: true, sms: false, ip: null, now: NOW });
    await updateMarketingConsent({ userId: id, email: true, sms: false, ip: null, now: later(1) });
    await updateMarketingConsent({ userId: id, email: false, sms: true, ip: null, now: later(2) });
    const mails = await mailsTo(email!);
    expect(mails.map((mail) => [mail.template, mail.locale, mail.props])).toEqual([
      [
        'consent-changed',
        'ko',
        {
          name: expect.any(String),
          operatorName: config.OPERATOR_NAME,
          changedAt: NOW.toISOString(),
          marketingEmail: 'granted',
          marketingSms: 'unchanged',
          accountUrl: `${config.APP_URL}/account`,
        },
      ],
      [
        'consent-changed',
        'ko',
        {
          name: expect.any(String),
          operatorName: config.OPERATOR_NAME,
          changedAt: later(2).toISOString(),
          marketingEmail: 'withdrawn',
          marketingSms: 'granted',
          accountUrl: `${config.APP_URL}/account`,
        },
      ],
    ]);
    expect(await eventsOf(id)).toEqual([
      { channel: 'email', granted: true, source: 'account' },
      { channel: 'email', granted: false, source: 'account' },
      { channel: 'sms', granted: true, source: 'account' },
    ]);
  });

  it('a consent ticked at sign-up is recorded and mailed, and counts for the audience once the address is verified', async () => {
    const outcome = await signUp({
      name: 'New Person',
      email: 'signup-consent@example.com',
      password: 'a long enough password',
      locale: 'ko',
      now: NOW,
      marketingEmail: true,
      ip: '192.0.2.5',
    });
    if (outcome.status !== 'created') throw new Error(outcome.status);
    expect(await templatesTo('signup-consent@example.com')).toEqual(['verify-email', 'consent-changed']);
    expect(await eventsOf(outcome.userId)).toEqual([{ channel: 'email', granted: true, source: 'signup' }]);
    expect(await listMarketingAudience('email', { limit: 10 })).toEqual([]);
    const db = await getDb();
    await db.update(users).set({ emailVerifiedAt: NOW }).where(eq(users.id, outcome.userId));
    expect((await listMarketingAudience('email', { limit: 10 })).map((row) => row.userId)).toEqual([outcome.userId]);
  });

  it('reconfirms a consent once per period, on the day it falls due, and the notice renews it', async () => {
    const due = await consenting(730);
    const early = await consenting(729);
    const { email } = await userRow(due);

    const first = await sweep();
    expect(first.status !== 'skipped' && first.counts.consentReconfirmEmail).toBe(1);
    await sweep();
    await sweep(later(0.5));
    const [notice] = await mailsTo(email!);
    expect(await templatesTo(email!)).toEqual(['consent-reconfirm']);
    expect(notice.props).toMatchObject({ channel: 'email', consentedAt: ago(days(730)).toISOString(), validUntil: later(730).toISOString() });
    expect(await userRow(due)).toMatchObject({ marketingEmailConsentAt: ago(days(730)), marketingEmailConfirmedAt: NOW });
    expect(await eventsOf(due)).toEqual([
      { channel: 'email', granted: true, source: 'account' },
      { channel: 'email', granted: true, source: 'reconfirmation' },
    ]);
    expect(await mailsTo((await userRow(early)).email!)).toHaveLength(0);

    await sweep(later(1));
    expect(await templatesTo((await userRow(early)).email!)).toEqual(['consent-reconfirm']);
    // Nobody logs in meanwhile: no dormancy (which would end the consent), no password mail.
    await sweep(later(729), { INACTIVITY_POLICY: 'off', PASSWORD_MAX_AGE_DAYS: 0 });
    expect(await templatesTo(email!)).toEqual(['consent-reconfirm']);
    await sweep(later(730), { INACTIVITY_POLICY: 'off', PASSWORD_MAX_AGE_DAYS: 0 });
    expect(await templatesTo(email!)).toEqual(['consent-reconfirm', 'consent-reconfirm']);
  });

  it('Stop receiving withdraws the consent after one confirming click, once; opening the link changes nothing', async () => {
    const id = await consenting(731);
    const { email } = await userRow(id);
    await sweep();
    const [notice] = await mailsTo(email!);
    const stop = tokenFrom((notice.props as { stopUrl: string }).stopUrl);
    const keep = tokenFrom((notice.props as { keepUrl: string }).keepUrl);

    expect(await checkConsentLink(stop, later(1))).toEqual({ status: 'valid', action: 'stop', channel: 'email' });
    expect((await userRow(id)).marketingEmailConsentAt).not.toBeNull();
    expect(await answerConsentLink({ token: stop, ip: '198.51.100.4', now: later(1) })).toEqual({ status: 'stopped', channel: 'email' });
    expect(await userRow(id)).toMatchObject({ marketingEmailConsentAt: null, marketingEmailConfirmedAt: null });
    expect(await templatesTo(email!)).toEqual(['consent-reconfirm', 'consent-changed']);
    expect((await eventsOf(id)).at(-1)).toEqual({ channel: 'email', granted: false, source: 'link' });

    expect(await answerConsentLink({ token: stop, ip: null, now: later(2) })).toEqual({ status: 'invalid' });
    expect(await answerConsentLink({ token: keep, ip: null, now: later(2) })).toEqual({ status: 'invalid' });
    expect(await templatesTo(email!)).toHaveLength(2);
  });

  it('Keep receiving renews the confirmation; forged, tampered and expired links do nothing', async () => {
    const id = await consenting(800);
    const { email } = await userRow(id);
    await sweep();
    const [notice] = await mailsTo(email!);
    const keep = tokenFrom((notice.props as { keepUrl: string }).keepUrl);
    const forged = signConsentLink({ action: 'stop', userId: id, channel: 'email', periodMs: NOW.getTime() }, consentLinkKey('another secret'));
    const tampered = keep.replace(/^keep/, 'stop');

    expect(await answerConsentLink({ token: forged, ip: null, now: later(1) })).toEqual({ status: 'invalid' });
    expect(await answerConsentLink({ token: tampered, ip: null, now: later(1) })).toEqual({ status: 'invalid' });
    expect(await answerConsentLink({ token: keep, ip: null, now: later(730) })).toEqual({ status: 'invalid' });
    expect((await userRow(id)).marketingEmailConsentAt).not.toBeNull();

    expect(await answerConsentLink({ token: keep, ip: null, now: later(3) })).toEqual({ status: 'kept', channel: 'email' });
    expect(await userRow(id)).toMatchObject({ marketingEmailConsentAt: ago(days(800)), marketingEmailConfirmedAt: later(3) });
    const [, result] = await mailsTo(email!);
    expect(result.props).toMatchObject({ marketingEmail: 'kept', marketingSms: 'unchanged' });
    expect(await answerConsentLink({ token: keep, ip: null, now: later(4) })).toEqual({ status: 'invalid' });
  });

  it('ends with dormancy, told in the dormant notice; reactivation does not bring it back', async () => {
    const id = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(days(366)), ...verifiedPhone() })).id;
    const { email } = await userRow(id);
    await updateMarketingConsent({ userId: id, email: true, sms: true, ip: null, now: ago(days(370)) });
    await sweep();
    expect(await userRow(id)).toMatchObject({ status: 'dormant', marketingEmailConsentAt: null, marketingSmsConsentAt: null, marketingSmsConfirmedAt: null });
    const notice = (await mailsTo(email!)).find((mail) => mail.template === 'dormant-notice');
    expect(notice?.props).toMatchObject({ marketingEmail: 'withdrawn', marketingSms: 'withdrawn' });
    expect((await eventsOf(id)).slice(2)).toEqual([
      { channel: 'email', granted: false, source: 'dormancy' },
      { channel: 'sms', granted: false, source: 'dormancy' },
    ]);
    expect(await listMarketingAudience('email', { limit: 10 })).toEqual([]);
  });

  it('ends with the withdrawal of the account, told in the withdrawal mail alone', async () => {
    const password = 'a long enough password';
    const id = (await insertUser({ ...LONG_STANDING, passwordHash: await hashPassword(password), ...verifiedPhone() })).id;
    const { email } = await userRow(id);
    await updateMarketingConsent({ userId: id, email: false, sms: true, ip: null, now: ago(days(3)) });
    const db = await getDb();
    await db.delete(mailOutbox);
    expect(await withdrawAccount({ userId: id, confirmation: { kind: 'password', password }, reason: null, locale: 'en', now: NOW })).toMatchObject({
      status: 'withdrawn',
    });
    const mails = await mailsTo(email!);
    expect(mails.map((mail) => mail.template)).toEqual(['withdrawal-confirmed']);
    expect(mails[0].props).toMatchObject({ marketingEmail: 'unchanged', marketingSms: 'withdrawn', operatorName: config.OPERATOR_NAME });
    expect((await eventsOf(id)).at(-1)).toEqual({ channel: 'sms', granted: false, source: 'withdrawal' });
    expect((await userRow(id)).marketingSmsConsentAt).toBeNull();
  });

  it('an admin can end consent (mailed to the person) but has nothing to end when none is given', async () => {
    const id = await consenting(10);
    const db = await getDb();
    expect(await db.transaction((tx) => withdrawUserMarketingConsent(id, NOW, tx))).toEqual({ status: 'done' });
    expect(await db.transaction((tx) => withdrawUserMarketingConsent(id, NOW, tx))).toEqual({ status: 'not-applicable' });
    expect(await templatesTo((await userRow(id)).email!)).toEqual(['consent-changed']);
    expect((await eventsOf(id)).at(-1)).toEqual({ channel: 'email', granted: false, source: 'admin' });
  });

  it('the audience holds exactly the active accounts with consent in force, per channel', async () => {
    const emailOnly = await consenting(5);
    const both = (await insertUser({ ...LONG_STANDING, ...verifiedPhone() })).id;
    await updateMarketingConsent({ userId: both, email: true, sms: true, ip: null, now: NOW });
    const noPhone = (await insertUser({ ...LONG_STANDING, phone: null })).id;
    expect(await updateMarketingConsent({ userId: noPhone, email: false, sms: true, ip: null, now: NOW })).toEqual({ status: 'phone-unverified' });
    await insertUser(LONG_STANDING);
    const withdrawn = await consenting(5);
    const db = await getDb();
    await db.update(users).set({ status: 'withdrawn', withdrawnAt: NOW }).where(eq(users.id, withdrawn));

    const email = await listMarketingAudience('email', { limit: 10 });
    expect(email.map((row) => row.userId).sort()).toEqual([emailOnly, both].sort());
    expect(email.find((row) => row.userId === emailOnly)).toMatchObject({ address: (await userRow(emailOnly)).email, consentedAt: ago(days(5)).toISOString() });
    expect((await listMarketingAudience('sms', { limit: 10 })).map((row) => row.userId)).toEqual([both]);
    // Keyset chunks walk the whole list.
    const [firstChunk] = await listMarketingAudience('email', { limit: 1 });
    expect(await listMarketingAudience('email', { limit: 10, after: firstChunk.userId })).toHaveLength(1);
  });
});

describe('INACTIVITY_POLICY', () => {
  beforeEach(resetDatabase);
  const deletePolicy = { INACTIVITY_POLICY: 'delete', INACTIVITY_DELETE_DAYS: 1095, DORMANCY_NOTICE_DAYS: 30 } as const;

  it('delete: warns before the period ends, deletes at its end, never makes dormant', async () => {
    const id = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(days(1095 - 30)) })).id;
    const { email } = await userRow(id);
    const quiet = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(days(400)) })).id;

    await sweep(NOW, deletePolicy);
    expect(await templatesTo(email!)).toEqual(['inactivity-deletion-warning']);
    expect((await mailsTo(email!))[0].props).toMatchObject({ deletionDate: later(30).toISOString() });
    expect((await userRow(quiet)).status).toBe('active');

    await sweep(later(29.9), deletePolicy);
    expect(await userRow(id)).toBeDefined();
    const run = await sweep(later(30), deletePolicy);
    expect(run.status !== 'skipped' && run.counts.inactiveDeletion).toBe(1);
    expect(await userRow(id)).toBeUndefined();
    expect(await templatesTo(email!)).toEqual(['inactivity-deletion-warning', 'account-deleted']);
  });

  it('delete: an account already past the period is warned first and kept for the notice period', async () => {
    const id = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(days(1500)) })).id;
    await sweep(NOW, deletePolicy);
    const warning = (await mailsTo((await userRow(id)).email!))[0];
    expect(warning.props).toMatchObject({ deletionDate: later(30).toISOString() });
    await sweep(later(29), deletePolicy);
    expect(await userRow(id)).toBeDefined();
    await sweep(later(30), deletePolicy);
    expect(await userRow(id)).toBeUndefined();
  });

  it('delete: a login after the warning starts a new period', async () => {
    const id = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(days(1095 - 30)) })).id;
    await sweep(NOW, deletePolicy);
    const db = await getDb();
    await db
      .update(users)
      .set({ lastLoginAt: later(10) })
      .where(eq(users.id, id));
    await sweep(later(40), deletePolicy);
    expect((await userRow(id)).status).toBe('active');
  });

  it('off: nobody is warned, made dormant or deleted for inactivity', async () => {
    const id = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(days(2000)) })).id;
    await sweep(NOW, { INACTIVITY_POLICY: 'off', PASSWORD_MAX_AGE_DAYS: 0 });
    expect(await userRow(id)).toMatchObject({ status: 'active', dormancyWarnedAt: null });
    expect(await mailsTo((await userRow(id)).email!)).toHaveLength(0);
  });
});

describe('PRIVACY_USAGE_NOTICE', () => {
  beforeEach(resetDatabase);

  it('mails each active account once a year when on, and nobody when off', async () => {
    const id = (await insertUser({ ...LONG_STANDING, createdAt: ago(days(400)), emailVerifiedAt: ago(days(400)) })).id;
    const young = (await insertUser({ ...LONG_STANDING, createdAt: ago(days(100)), emailVerifiedAt: ago(days(100)) })).id;
    const { email } = await userRow(id);
    await sweep();
    expect(await mailsTo(email!)).toHaveLength(0);

    await sweep(NOW, { PRIVACY_USAGE_NOTICE: true });
    await sweep(later(1), { PRIVACY_USAGE_NOTICE: true });
    const [notice] = await mailsTo(email!);
    expect(await templatesTo(email!)).toEqual(['privacy-usage-notice']);
    expect(notice.props).toMatchObject({ pageUrl: `${config.APP_URL}/account/privacy`, settings: { reconfirmDays: 730 } });
    expect(await mailsTo((await userRow(young)).email!)).toHaveLength(0);
    await sweep(later(364), { PRIVACY_USAGE_NOTICE: true, INACTIVITY_POLICY: 'off', PASSWORD_MAX_AGE_DAYS: 0 });
    expect(await templatesTo(email!)).toEqual(['privacy-usage-notice']);
    await sweep(later(365), { PRIVACY_USAGE_NOTICE: true, INACTIVITY_POLICY: 'off', PASSWORD_MAX_AGE_DAYS: 0 });
    expect(await templatesTo(email!)).toEqual(['privacy-usage-notice', 'privacy-usage-notice']);
  });
});
