// Session records (issue 14): the check getCurrentUser makes, ending one or all other sessions, the
// new-device alert, the retention purge and deletion with the account, and "Download my data".
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { findUserById } from '@/db/users';
import { consentEvents, dataExports, knownDevices, loginEvents, mailOutbox, sessions, users } from '@/db/schema';
import { authorizeDataExport, dataExportFileName, streamDataExport } from '@/lib/account/export-data';
import { generateToken } from '@/lib/auth/tokens';
import { runSweep } from '@/lib/retention/run-sweep';
import { findCurrentSessionUser, noteSessionSeen } from '@/lib/sessions/current-session';
import { endSession, endDeviceSession, endOtherSessions } from '@/lib/sessions/end-session';
import { listSignedInDevices } from '@/lib/sessions/list-sessions';
import { activityReasonKey, decodeActivityCursor, listSignInActivity } from '@/lib/sessions/sign-in-activity';
import { recordSessionStart } from '@/lib/sessions/start-session';
import { resetDatabase } from './fixtures/database';
import { ago, days, LONG_STANDING, NOW } from './fixtures/retention';
import { outboxRows } from './fixtures/auth';
import { insertUser, PASSWORD } from './fixtures/users';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const client = { ip: '203.0.113.9', userAgent: CHROME };

async function signIn(userId: string, options: { device?: string; now?: Date; previousSessionId?: string | null; method?: string } = {}) {
  const device = options.device ?? generateToken();
  const started = await recordSessionStart({
    userId,
    method: options.method ?? 'password',
    client,
    device,
    previousSessionId: options.previousSessionId ?? null,
    now: options.now ?? new Date(),
  });
  if (!started) throw new Error('the account is not active');
  const { sessionId, account } = started;
  return { sessionId, device, account, claims: { userId, sessionId, sessionVersion: account.sessionVersion } };
}

async function sessionRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id));
  return row;
}

describe('sessions', () => {
  beforeEach(resetDatabase);

  describe('the check getCurrentUser makes', () => {
    it('accepts a live session and refuses a revoked, unknown or foreign one', async () => {
      const user = await insertUser();
      const other = await insertUser();
      const { claims } = await signIn(user.id);
      const theirs = await signIn(other.id);

      expect((await findCurrentSessionUser(claims))?.user.id).toBe(user.id);
      expect(await findCurrentSessionUser({ ...claims, sessionId: crypto.randomUUID() })).toBeNull();
      expect(await findCurrentSessionUser({ ...claims, sessionId: theirs.sessionId })).toBeNull();
      expect(await findCurrentSessionUser({ ...claims, sessionId: null })).toBeNull();
      expect(await findCurrentSessionUser({ ...claims, sessionId: 'not-a-uuid' })).toBeNull();

      await endSession(user.id, claims.sessionId, new Date());
      expect(await findCurrentSessionUser(claims)).toBeNull();
      expect((await findCurrentSessionUser(theirs.claims))?.user.id).toBe(other.id);
    });

    it("finds the proxy's user by id, and nothing for an id that is not a UUID (before the ::uuid cast)", async () => {
      const user = await insertUser();
      expect((await findUserById(user.id))?.id).toBe(user.id);
      expect(await findUserById('-'.repeat(36))).toBeNull();
      expect(await findUserById(`${user.id.slice(0, -1)}g`)).toBeNull();
    });

    it('still ends every session when session_version moves on, and for an account no longer active', async () => {
      const user = await insertUser();
      const first = await signIn(user.id);
      const second = await signIn(user.id);
      const db = await getDb();
      await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, user.id));
      expect(await findCurrentSessionUser(first.claims)).toBeNull();
      expect(await findCurrentSessionUser(second.claims)).toBeNull();
      expect(await listSignedInDevices(user.id, new Date())).toEqual([]);

      const fresh = await signIn(user.id);
      expect(await findCurrentSessionUser(fresh.claims)).not.toBeNull();
      await db.update(users).set({ status: 'withdrawn', withdrawnAt: new Date() }).where(eq(users.id, user.id));
      expect(await findCurrentSessionUser(fresh.claims)).toBeNull();
    });

    it('writes last seen at most every five minutes', async () => {
      const user = await insertUser();
      const start = new Date('2026-12-01T10:00:00Z');
      const { sessionId } = await signIn(user.id, { now: start });
      await noteSessionSeen(sessionId, start, new Date(start.getTime() + 4 * 60_000), async () => '198.51.100.1');
      expect((await sessionRow(sessionId)).lastSeenAt).toEqual(start);
      const later = new Date(start.getTime() + 6 * 60_000);
      await noteSessionSeen(sessionId, start, later, async () => '198.51.100.1');
      expect(await sessionRow(sessionId)).toMatchObject({ lastSeenAt: later, ip: '198.51.100.1' });
    });

    it('a new sign-in in the same browser ends the session it replaces', async () => {
      const user = await insertUser();
      const before = await signIn(user.id);
      const after = await signIn(user.id, { device: before.device, previousSessionId: before.sessionId, method: 'oidc' });
      expect((await sessionRow(before.sessionId)).revokedAt).not.toBeNull();
      expect(await sessionRow(after.sessionId)).toMatchObject({ method: 'oidc', revokedAt: null, ip: client.ip, userAgent: CHROME });
    });

    it('opens only for an account active at that moment, with its session_version then, and gives what the token needs', async () => {
      const user = await insertUser({ role: 'admin', sessionVersion: 3, passwordExpired: true, locale: 'ko' });
      const opened = await signIn(user.id);
      expect(opened.account).toEqual({ name: user.name, email: user.email, role: 'admin', sessionVersion: 3, passwordExpired: true, locale: 'ko' });
      expect(await sessionRow(opened.sessionId)).toMatchObject({ sessionVersion: 3, revokedAt: null });

      // Withdrawn (its session_version moved on) after lib/ let it in, before its session opened:
      // no record, and the browser's session until then is not ended by the refused one either.
      const db = await getDb();
      await db.update(users).set({ status: 'withdrawn', withdrawnAt: new Date(), sessionVersion: 4 }).where(eq(users.id, user.id));
      const refused = await recordSessionStart({ userId: user.id, method: 'password', client, device: opened.device, previousSessionId: opened.sessionId, now: new Date() });
      expect(refused).toBeNull();
      expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1);
      expect((await sessionRow(opened.sessionId)).revokedAt).toBeNull();

      const dormant = await insertUser({ status: 'dormant', dormantAt: new Date() });
      expect(await recordSessionStart({ userId: dormant.id, method: 'password', client, device: generateToken(), previousSessionId: null, now: new Date() })).toBeNull();
      expect(await db.select().from(sessions).where(eq(sessions.userId, dormant.id))).toHaveLength(0);
    });
  });

  describe('Signed-in devices', () => {
    it('lists live sessions with browser and system, and ends one or all others, logged', async () => {
      const user = await insertUser();
      const here = await signIn(user.id);
      const phone = await signIn(user.id);
      const tablet = await signIn(user.id);
      const listed = await listSignedInDevices(user.id, new Date());
      expect(listed.map((device) => device.id).sort()).toEqual([here.sessionId, phone.sessionId, tablet.sessionId].sort());
      expect(listed[0]).toMatchObject({ browser: 'Chrome 131', os: 'Linux', ip: client.ip, method: 'password' });

      // Never the current one, never another person's.
      const stranger = await insertUser();
      const theirs = await signIn(stranger.id);
      const now = new Date();
      expect(await endDeviceSession({ userId: user.id, sessionId: here.sessionId, currentSessionId: here.sessionId, client, now })).toEqual({ status: 'not-found' });
      expect(await endDeviceSession({ userId: user.id, sessionId: theirs.sessionId, currentSessionId: here.sessionId, client, now })).toEqual({ status: 'not-found' });
      expect(await findCurrentSessionUser(theirs.claims)).not.toBeNull();

      expect(await endDeviceSession({ userId: user.id, sessionId: phone.sessionId, currentSessionId: here.sessionId, client, now })).toEqual({ status: 'signed-out' });
      expect(await findCurrentSessionUser(phone.claims)).toBeNull();
      expect(await endOtherSessions({ userId: user.id, currentSessionId: here.sessionId, client, now })).toBe(1);
      expect(await findCurrentSessionUser(tablet.claims)).toBeNull();
      expect(await findCurrentSessionUser(here.claims)).not.toBeNull();
      expect((await listSignedInDevices(user.id, new Date())).map((device) => device.id)).toEqual([here.sessionId]);

      const db = await getDb();
      const logged = await db.select({ reason: loginEvents.reason, success: loginEvents.success }).from(loginEvents).where(eq(loginEvents.userId, user.id));
      expect(logged).toEqual([
        { reason: 'session_revoked', success: true },
        { reason: 'other_sessions_revoked', success: true },
      ]);
    });
  });

  describe('Sign-in activity', () => {
    it('pages through the person’s own events of the last 90 days, 50 at a time, newest first', async () => {
      const user = await insertUser();
      const other = await insertUser();
      const now = new Date('2026-12-01T12:00:00Z');
      const db = await getDb();
      await db.insert(loginEvents).values(
        Array.from({ length: 120 }, (_, index) => ({ userId: user.id, email: user.email, success: false, reason: 'wrong_password', createdAt: new Date(now.getTime() - index * 3_600_000) })),
      );
      await db.insert(loginEvents).values([
        { userId: user.id, email: user.email, success: true, reason: 'ok', createdAt: new Date(now.getTime() - 91 * 86_400_000) },
        { userId: other.id, email: other.email, success: true, reason: 'ok', createdAt: now },
      ]);
      const first = await listSignInActivity(user.id, {}, now);
      expect(first.rows).toHaveLength(50);
      expect(first.rows[0].createdAt).toBe(now.toISOString().replace('Z', '000Z'));
      const second = await listSignInActivity(user.id, { before: first.older! }, now);
      const third = await listSignInActivity(user.id, { before: second.older! }, now);
      expect([second.rows.length, third.rows.length, third.older]).toEqual([50, 20, null]);
      const seen = [...first.rows, ...second.rows, ...third.rows];
      expect(new Set(seen.map((row) => row.id)).size).toBe(120);
      expect(seen.every((row) => row.userId === user.id && row.reason === 'wrong_password')).toBe(true);
      expect((await listSignInActivity(user.id, { after: second.rows[0] }, now)).rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    });

    it('words every logged reason, and the two-step ones to come', () => {
      expect(activityReasonKey('wrong_password')).toBe('wrong_password');
      expect(activityReasonKey('two_step_failed')).toBe('two_step_failed');
      expect(activityReasonKey('something_new')).toBe('other');
      expect(decodeActivityCursor('2024-02-30T00:00:00.000Z_1')).toBeUndefined();
      expect(decodeActivityCursor('2024-02-29T00:00:00.000123Z_7')).toEqual({ createdAt: '2024-02-29T00:00:00.000123Z', id: 7 });
    });
  });

  describe('new-device alert', () => {
    it('is not sent on the first sign-in, is sent once for a new browser, never for a known one', async () => {
      const user = await insertUser({ locale: 'ko' });
      const laptop = await signIn(user.id);
      expect(await outboxRows(user.email!, 'new-sign-in')).toHaveLength(0);
      await signIn(user.id, { device: laptop.device });
      expect(await outboxRows(user.email!, 'new-sign-in')).toHaveLength(0);

      const phone = await signIn(user.id);
      const [mail] = await outboxRows(user.email!, 'new-sign-in');
      expect(mail).toMatchObject({ locale: 'ko', props: { browser: 'Chrome 131', os: 'Linux', ip: client.ip } });
      expect(mail.props.sessionsUrl).toMatch(/\/account\/sessions$/);
      expect(mail.props.resetUrl).toMatch(/\/forgot-password$/);
      await signIn(user.id, { device: phone.device });
      expect(await outboxRows(user.email!, 'new-sign-in')).toHaveLength(1);
      const db = await getDb();
      const stored = await db.select().from(knownDevices).where(eq(knownDevices.userId, user.id));
      expect(stored.map((row) => row.deviceHash)).not.toContain(phone.device);
      expect(stored).toHaveLength(2);
    });
  });

  describe('retention', () => {
    it('purges sessions unused for longer than their lifetime, revoked ones too', async () => {
      const userId = (await insertUser(LONG_STANDING)).id;
      const db = await getDb();
      const row = (id: string, lastSeenAt: Date, revokedAt: Date | null = null) => ({ id, userId, method: 'password', sessionVersion: 1, createdAt: lastSeenAt, lastSeenAt, revokedAt });
      const expired = crypto.randomUUID();
      const revokedOld = crypto.randomUUID();
      const live = crypto.randomUUID();
      await db.insert(sessions).values([row(expired, ago(days(32))), row(revokedOld, ago(days(40)), ago(days(39))), row(live, ago(days(29)))]);
      const result = await runSweep({ now: NOW, trigger: 'cli', drainMs: 0 });
      expect(result.status !== 'skipped' && result.counts.purgeSessions).toBe(2);
      expect((await db.select({ id: sessions.id }).from(sessions)).map((kept) => kept.id)).toEqual([live]);
    });

    it('deletes the sessions, devices and exports with the account', async () => {
      const userId = (await insertUser({ ...LONG_STANDING, status: 'withdrawn', withdrawnAt: ago(days(61)) })).id;
      const db = await getDb();
      await db.insert(sessions).values({ id: crypto.randomUUID(), userId, method: 'password', sessionVersion: 1, createdAt: NOW, lastSeenAt: NOW });
      await db.insert(knownDevices).values({ userId, deviceHash: 'a'.repeat(64) });
      await db.insert(dataExports).values({ userId, createdAt: NOW });
      const result = await runSweep({ now: NOW, trigger: 'cli', drainMs: 0 });
      expect(result.status !== 'skipped' && result.counts.withdrawnDeletion).toBe(1);
      expect(await db.select().from(sessions)).toEqual([]);
      expect(await db.select().from(knownDevices)).toEqual([]);
      expect(await db.select().from(dataExports)).toEqual([]);
    });
  });

  describe('Download my data', () => {
    const fresh = (now: Date) => Math.floor(now.getTime() / 1000) - 60;
    const stale = (now: Date) => Math.floor(now.getTime() / 1000) - 3_600;

    it('needs a fresh sign-in or the current password, and a social-only account a fresh sign-in', async () => {
      const user = await insertUser();
      const now = new Date();
      const request = { user, ip: client.ip, userAgent: CHROME, now };
      expect(await authorizeDataExport({ ...request, currentPassword: null, authTime: stale(now) })).toEqual({ status: 'wrong-password' });
      expect(await authorizeDataExport({ ...request, currentPassword: 'wrong one', authTime: stale(now) })).toEqual({ status: 'wrong-password' });
      expect(await authorizeDataExport({ ...request, currentPassword: PASSWORD, authTime: stale(now) })).toEqual({ status: 'allowed' });
      expect(await authorizeDataExport({ ...request, currentPassword: null, authTime: fresh(now) })).toEqual({ status: 'allowed' });
      const socialOnly = { ...user, passwordHash: null };
      expect(await authorizeDataExport({ ...request, user: socialOnly, currentPassword: PASSWORD, authTime: stale(now) })).toEqual({ status: 'stale-sign-in' });
    });

    it('is limited to DATA_EXPORT_PER_DAY, each one recorded and mailed', async () => {
      const user = await insertUser();
      const now = new Date();
      const request = { user, currentPassword: null, authTime: fresh(now), ip: client.ip, userAgent: CHROME, now };
      for (let index = 0; index < 3; index += 1) expect(await authorizeDataExport(request)).toEqual({ status: 'allowed' });
      expect(await authorizeDataExport(request)).toEqual({ status: 'limit-reached' });
      const db = await getDb();
      expect(await db.select().from(dataExports).where(eq(dataExports.userId, user.id))).toHaveLength(3);
      const mails = await outboxRows(user.email!, 'data-exported');
      expect(mails).toHaveLength(3);
      expect(mails[0].props).toMatchObject({ ip: client.ip, browser: 'Chrome 131' });
    });

    it('streams the person’s data and nothing that could open the account or belongs to someone else', async () => {
      const user = await insertUser();
      const other = await insertUser();
      const db = await getDb();
      await db.insert(consentEvents).values({ userId: user.id, channel: 'sms', granted: true, ip: '192.0.2.1' });
      const verifiedAt = new Date('2026-03-04T05:06:07Z');
      await db.update(users).set({ phone: '+821012345678', phoneVerifiedAt: verifiedAt }).where(eq(users.id, user.id));
      await db.insert(consentEvents).values({ userId: other.id, channel: 'email', granted: true, ip: '192.0.2.99' });
      const ours = await signIn(user.id);
      await signIn(other.id);
      // More sign-in events than one batch of the stream.
      await db.insert(loginEvents).values(
        Array.from({ length: 1_203 }, (_, index) => ({ userId: user.id, email: user.email, ip: '192.0.2.5', success: index % 2 === 0, reason: index % 2 === 0 ? 'ok' : 'wrong_password' })),
      );
      await db.insert(loginEvents).values({ userId: other.id, email: other.email, ip: '192.0.2.77', success: true, reason: 'ok' });
      const mail = (dedupeKey: string, template: string, createdAt: Date) => ({ toAddress: user.email!, template, props: { verifyUrl: `https://x.test/v?token=${dedupeKey}-LIVE-LINK` }, dedupeKey, createdAt });
      await db.insert(mailOutbox).values([mail('earlier-holder', 'signup-attempt', new Date('2001-01-01T00:00:00Z')), mail('ours', 'verify-email', new Date())]);

      const text = await new Response(streamDataExport(user.id, new Date())).text();
      const data = JSON.parse(text);
      expect(data.profile).toMatchObject({ id: user.id, email: user.email, hasPassword: true, phone: '+821012345678', phoneVerifiedAt: verifiedAt.toISOString() });
      expect(data.consents.events).toEqual([expect.objectContaining({ channel: 'sms', granted: true, source: 'account', ip: '192.0.2.1' })]);
      expect(data.signInEvents).toHaveLength(1_203);
      expect(data.sessions).toHaveLength(1);
      expect(data.twoStep).toEqual({ status: 'off' });
      expect(data.mail).toEqual([expect.objectContaining({ template: 'verify-email', status: 'pending' })]);
      expect(text).not.toContain('LIVE-LINK');
      for (const secret of [user.passwordHash!, ours.sessionId, ours.device, other.email!, other.id, '192.0.2.99', '192.0.2.77']) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/argon2|passwordHash|token/i);
    });

    it('names the file after the app and the day in the person’s zone', () => {
      expect(dataExportFileName(new Date('2026-12-01T16:00:00Z'), 'Asia/Seoul')).toBe('lifecycle-data-2026-12-02.json');
      expect(dataExportFileName(new Date('2026-12-01T16:00:00Z'), 'America/New_York')).toBe('lifecycle-data-2026-12-01.json');
    });
  });
});
