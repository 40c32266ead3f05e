// Each retention step at its boundary: one second before and one second after its period.
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db';
import { accounts, adminAudit, authTokens, dormantAccounts, loginEvents, mailOutbox, rateLimitHits } from '@/db/schema';
import { keyedHash } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { runSweep } from '@/lib/retention/run-sweep';
import { sweepContext, sweepSteps } from '@/lib/retention/steps';
import { resetDatabase } from './fixtures/database';
import { ago, DAY, days, dormantRow, LONG_STANDING, mailsTo, NOW, outbox, userRow } from './fixtures/retention';
import { insertUser } from './fixtures/users';

const SECOND = 1_000;
const sweep = () => runSweep({ now: NOW, trigger: 'cli', drainMs: 0 });

describe('retention sweep steps', () => {
  beforeEach(resetDatabase);

  describe('dormancy warning', () => {
    const warnAfter = days(365 - 30);

    it('warns once per inactivity period, from the day the notice period starts', async () => {
      const due = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(warnAfter + SECOND), locale: 'ko', timeZone: 'Europe/Berlin' })).id;
      const early = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(warnAfter - SECOND) })).id;
      const neverLoggedIn = (await insertUser({ ...LONG_STANDING, lastLoginAt: null, createdAt: ago(warnAfter + SECOND) })).id;
      const admin = (await insertUser({ ...LONG_STANDING, role: 'admin', lastLoginAt: ago(warnAfter + SECOND) })).id;

      const result = await sweep();
      expect(result.status).toBe('finished');
      expect(result.status !== 'skipped' && result.counts.dormancyWarning).toBe(2);

      const dueUser = await userRow(due);
      const [mail] = await mailsTo(dueUser.email!);
      expect(mail).toMatchObject({
        template: 'dormancy-warning',
        locale: 'ko',
        timeZone: 'Europe/Berlin',
        props: {
          name: dueUser.name,
          dormancyDate: new Date(dueUser.lastLoginAt!.getTime() + days(365)).toISOString(),
          loginUrl: `${config.APP_URL}/login`,
        },
      });
      expect(dueUser.dormancyWarnedAt).toEqual(dueUser.lastLoginAt);
      expect((await userRow(neverLoggedIn)).dormancyWarnedAt).toEqual((await userRow(neverLoggedIn)).createdAt);
      expect(await mailsTo((await userRow(early)).email!)).toHaveLength(0);
      expect(await mailsTo((await userRow(admin)).email!)).toHaveLength(0);
      expect((await userRow(admin)).dormancyWarnedAt).toBeNull();

      await sweep();
      expect(await mailsTo(dueUser.email!)).toHaveLength(1);
    });

    it('warns again after the person was active and then went quiet again', async () => {
      const id = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(warnAfter + SECOND) })).id;
      await sweep();
      const db = await getDb();
      const later = new Date(NOW.getTime() + days(100));
      await db.execute(sql`update users set last_login_at = ${ago(warnAfter + SECOND, later).toISOString()}::timestamptz where id = ${id}`);
      await runSweep({ now: later, trigger: 'cli', drainMs: 0 });
      const warnings = (await mailsTo((await userRow(id)).email!)).filter((mail) => mail.template === 'dormancy-warning');
      expect(warnings).toHaveLength(2);
      expect(new Set(warnings.map((mail) => mail.dedupeKey)).size).toBe(2);
    });
  });

  describe('dormancy', () => {
    it('moves the personal data of accounts inactive for DORMANCY_DAYS apart and sends the notice', async () => {
      const due = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(days(365) + SECOND), locale: 'en' })).id;
      const early = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(days(365) - SECOND) })).id;
      const admin = (await insertUser({ ...LONG_STANDING, role: 'admin', lastLoginAt: ago(days(900)) })).id;
      const before = await userRow(due);
      const db = await getDb();
      await db.insert(authTokens).values({ userId: due, purpose: 'reset_password', tokenHash: 'pending-reset', expiresAt: new Date(NOW.getTime() + DAY) });

      const result = await sweep();
      expect(result.status !== 'skipped' && result.counts.dormancy).toBe(1);

      const after = await userRow(due);
      expect(after).toMatchObject({ status: 'dormant', email: null, name: null, phone: null, passwordHash: null, dormantAt: NOW });
      expect(after.sessionVersion).toBe(before.sessionVersion + 1);
      expect(await dormantRow(due)).toMatchObject({
        email: before.email,
        name: before.name,
        phone: before.phone,
        passwordHash: before.passwordHash,
      });
      const mails = await mailsTo(before.email!);
      expect(mails.map((mail) => mail.template)).toEqual(['dormant-notice']);
      expect(mails[0].props).toEqual({
        name: before.name,
        dormantAt: NOW.toISOString(),
        purgeDate: new Date(NOW.getTime() + days(60)).toISOString(),
        loginUrl: `${config.APP_URL}/login`,
      });
      expect(await db.select().from(authTokens)).toHaveLength(0);

      // One second short of a year: still active, only warned.
      expect(await userRow(early)).toMatchObject({ status: 'active', dormantAt: null });
      expect((await mailsTo((await userRow(early)).email!)).map((mail) => mail.template)).toEqual(['dormancy-warning']);
      expect(await userRow(admin)).toMatchObject({ status: 'active', email: expect.any(String) });
      expect(await dormantRow(admin)).toBeUndefined();
    });
  });

  describe('deletion of withdrawn accounts', () => {
    it('deletes after the grace period, mails the address and pseudonymises the login log', async () => {
      const due = (await insertUser({ ...LONG_STANDING, status: 'withdrawn', withdrawnAt: ago(days(60) + SECOND), locale: 'ko' })).id;
      const inGrace = (await insertUser({ ...LONG_STANDING, status: 'withdrawn', withdrawnAt: ago(days(60) - SECOND) })).id;
      const admin = (await insertUser({ ...LONG_STANDING, role: 'admin', status: 'withdrawn', withdrawnAt: ago(days(900)) })).id;
      const dueUser = await userRow(due);
      const db = await getDb();
      await db.insert(loginEvents).values([
        { userId: due, email: dueUser.email, success: true, reason: 'ok', createdAt: ago(DAY) },
        { userId: due, email: 'typo@example.com', success: false, reason: 'wrong_password', createdAt: ago(DAY) },
        { userId: inGrace, email: (await userRow(inGrace)).email, success: true, reason: 'ok', createdAt: ago(DAY) },
      ]);
      await db.insert(authTokens).values({ userId: due, purpose: 'restore', tokenHash: 'restore-token', expiresAt: new Date(NOW.getTime() + DAY) });

      const result = await sweep();
      expect(result.status !== 'skipped' && result.counts.withdrawnDeletion).toBe(1);

      expect(await userRow(due)).toBeUndefined();
      expect(await userRow(inGrace)).toMatchObject({ status: 'withdrawn' });
      expect(await userRow(admin)).toMatchObject({ status: 'withdrawn' });
      const [mail, ...others] = await mailsTo(dueUser.email!);
      expect(others).toHaveLength(0);
      expect(mail).toMatchObject({ template: 'account-deleted', locale: 'ko', props: { name: dueUser.name, deletedAt: NOW.toISOString() } });

      const events = await queryRows<{ user_id: string | null; email: string }>(db, sql`select user_id, email from login_events order by id`);
      expect(events).toEqual([
        { user_id: null, email: keyedHash(config.AUTH_SECRET, dueUser.email!) },
        { user_id: null, email: keyedHash(config.AUTH_SECRET, 'typo@example.com') },
        { user_id: inGrace, email: (await userRow(inGrace)).email },
      ]);
      expect(await db.select().from(authTokens)).toHaveLength(0);
    });
  });

  describe('deletion of dormant accounts', () => {
    it('deletes DORMANT_PURGE_DAYS after dormancy, mailing the address kept apart', async () => {
      const due = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(days(365 + 60) + SECOND), timeZone: 'America/New_York' })).id;
      const kept = (await insertUser({ ...LONG_STANDING, lastLoginAt: ago(days(365 + 60) - SECOND) })).id;
      const address = (await userRow(due)).email!;
      const name = (await userRow(due)).name;
      // Dormant since a year of inactivity: the first run moves both apart, at their anniversaries.
      const db = await getDb();
      await sweep();
      await db.execute(sql`update users set dormant_at = last_login_at + interval '365 days' where id in (${due}, ${kept})`);
      expect(await mailsTo(address)).toHaveLength(1);

      const result = await sweep();
      expect(result.status !== 'skipped' && result.counts.dormantDeletion).toBe(1);
      expect(await userRow(due)).toBeUndefined();
      expect(await dormantRow(due)).toBeUndefined();
      expect(await userRow(kept)).toMatchObject({ status: 'dormant' });
      expect(await dormantRow(kept)).toBeDefined();
      const mails = await mailsTo(address);
      expect(mails.map((mail) => mail.template)).toEqual(['dormant-notice', 'account-deleted']);
      expect(mails.map((mail) => mail.timeZone)).toEqual(['America/New_York', 'America/New_York']);
      expect(mails[1].props).toEqual({ name, deletedAt: NOW.toISOString() });
    });
  });

  describe('password expiry', () => {
    it('marks passwords older than PASSWORD_MAX_AGE_DAYS expired with one mail, skipping social-only accounts', async () => {
      const due = (await insertUser({ ...LONG_STANDING, passwordChangedAt: ago(days(60) + SECOND) })).id;
      const fresh = (await insertUser({ ...LONG_STANDING, passwordChangedAt: ago(days(60) - SECOND) })).id;
      const socialOnly = (await insertUser({ ...LONG_STANDING, passwordHash: null, passwordChangedAt: ago(days(600)) })).id;
      const admin = (await insertUser({ ...LONG_STANDING, role: 'admin', passwordChangedAt: ago(days(600)) })).id;

      const result = await sweep();
      expect(result.status !== 'skipped' && result.counts.passwordExpiry).toBe(1);
      expect((await userRow(due)).passwordExpired).toBe(true);
      expect((await userRow(fresh)).passwordExpired).toBe(false);
      expect((await userRow(socialOnly)).passwordExpired).toBe(false);
      expect((await userRow(admin)).passwordExpired).toBe(false);
      const mails = await outbox();
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({
        toAddress: (await userRow(due)).email,
        template: 'password-expired',
        props: { name: (await userRow(due)).name, maxAgeDays: 60, changeUrl: `${config.APP_URL}/account/password` },
      });

      await sweep();
      expect(await outbox()).toHaveLength(1);
    });

    it('does nothing when PASSWORD_MAX_AGE_DAYS is 0', async () => {
      const id = (await insertUser({ ...LONG_STANDING, passwordChangedAt: ago(days(600)) })).id;
      const step = sweepSteps.find((candidate) => candidate.name === 'passwordExpiry')!;
      const context = sweepContext({ now: NOW, batchSize: 100, config: { ...config, AUTH_SECRET: config.AUTH_SECRET, PASSWORD_MAX_AGE_DAYS: 0 } });
      expect(await step.runBatch(await getDb(), context, null)).toEqual({ count: 0, done: true });
      expect((await userRow(id)).passwordExpired).toBe(false);
    });
  });

  describe('unverified accounts', () => {
    it('deletes sign-ups left unverified for UNVERIFIED_TTL_DAYS, without mail', async () => {
      const due = (await insertUser({ ...LONG_STANDING, emailVerifiedAt: null, createdAt: ago(days(7) + SECOND), lastLoginAt: null })).id;
      const recent = (await insertUser({ ...LONG_STANDING, emailVerifiedAt: null, createdAt: ago(days(7) - SECOND), lastLoginAt: null })).id;
      const social = (await insertUser({ ...LONG_STANDING, emailVerifiedAt: null, createdAt: ago(days(30)), passwordHash: null })).id;
      const admin = (await insertUser({ ...LONG_STANDING, role: 'admin', emailVerifiedAt: null, createdAt: ago(days(30)) })).id;
      // Missed runs: an unverified sign-up more than a year old is deleted, never warned or made dormant.
      const ancient = (await insertUser({ ...LONG_STANDING, emailVerifiedAt: null, createdAt: ago(days(500)), lastLoginAt: null })).id;
      const db = await getDb();
      await db.insert(accounts).values({ userId: social, type: 'oidc', provider: 'google', providerAccountId: 'g-1' });

      const result = await sweep();
      expect(result.status !== 'skipped' && result.counts.unverifiedDeletion).toBe(2);
      expect(await userRow(due)).toBeUndefined();
      expect(await userRow(ancient)).toBeUndefined();
      expect(await userRow(recent)).toBeDefined();
      expect(await userRow(social)).toBeDefined();
      expect(await userRow(admin)).toBeDefined();
      expect(await outbox()).toHaveLength(0);
    });
  });

  describe('purges', () => {
    it('deletes used or expired tokens, old login events, rate-limit hits, admin audit and sent mail', async () => {
      const userId = (await insertUser(LONG_STANDING)).id;
      const db = await getDb();
      await db.insert(authTokens).values([
        { userId, purpose: 'verify_email', tokenHash: 'used', expiresAt: new Date(NOW.getTime() + DAY), usedAt: ago(DAY) },
        { userId, purpose: 'verify_email', tokenHash: 'expired', expiresAt: ago(SECOND) },
        { userId, purpose: 'verify_email', tokenHash: 'live', expiresAt: new Date(NOW.getTime() + SECOND) },
      ]);
      await db.insert(loginEvents).values([
        { email: 'old@example.com', success: false, reason: 'unknown', createdAt: ago(days(365) + SECOND) },
        { email: 'kept@example.com', success: false, reason: 'unknown', createdAt: ago(days(365) - SECOND) },
      ]);
      await db.insert(rateLimitHits).values([
        { key: 'old', createdAt: ago(DAY + SECOND) },
        { key: 'kept', createdAt: ago(DAY - SECOND) },
      ]);
      await db.insert(adminAudit).values([
        { action: 'old', createdAt: ago(days(365) + SECOND) },
        { action: 'kept', createdAt: ago(days(365) - SECOND) },
      ]);
      const mail = (key: string, status: 'sent' | 'pending' | 'failed', at: Date) => ({
        toAddress: 'someone@example.com',
        template: 'verify-email',
        dedupeKey: key,
        status,
        createdAt: at,
        sentAt: status === 'sent' ? at : null,
      });
      await db.insert(mailOutbox).values([
        mail('sent-old', 'sent', ago(days(30) + SECOND)),
        mail('sent-kept', 'sent', ago(days(30) - SECOND)),
        mail('pending-old', 'pending', ago(days(90))),
      ]);

      const result = await sweep();
      expect(result.status !== 'skipped' && result.counts).toMatchObject({
        purgeAuthTokens: 2,
        purgeLoginEvents: 1,
        purgeRateLimitHits: 1,
        purgeAdminAudit: 1,
        purgeSentMail: 1,
      });
      expect((await db.select().from(authTokens)).map((row) => row.tokenHash)).toEqual(['live']);
      expect((await db.select().from(loginEvents)).map((row) => row.email)).toEqual(['kept@example.com']);
      expect((await db.select().from(rateLimitHits)).map((row) => row.key)).toEqual(['kept']);
      expect((await db.select().from(adminAudit)).map((row) => row.action)).toEqual(['kept']);
      expect((await outbox()).map((row) => row.dedupeKey)).toEqual(['pending-old', 'sent-kept']);
      expect(await db.select().from(dormantAccounts)).toHaveLength(0);
    });
  });

  it('purges in many small batches, also rows that share one timestamp', async () => {
    const db = await getDb();
    const old = ago(days(400));
    await db.insert(loginEvents).values([
      ...Array.from({ length: 7 }, () => ({ email: 'same@example.com', success: false, reason: 'unknown', createdAt: old })),
      ...Array.from({ length: 4 }, (_, i) => ({ email: 'older@example.com', success: false, reason: 'unknown', createdAt: ago(days(500 + i)) })),
      { email: 'kept@example.com', success: true, reason: 'ok', createdAt: ago(days(1)) },
    ]);
    const result = await runSweep({ now: NOW, trigger: 'cli', drainMs: 0, batchSize: 2 });
    expect(result.status !== 'skipped' && result.counts.purgeLoginEvents).toBe(11);
    expect((await db.select().from(loginEvents)).map((row) => row.email)).toEqual(['kept@example.com']);
  });
});
