import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { loginEvents, users } from '@/db/schema';
import { attemptLogin } from '@/lib/auth/login';
import { resetDatabase } from './fixtures/database';
import { loginEventsFor, outboxRows } from './fixtures/auth';
import { insertUser, PASSWORD } from './fixtures/users';

const MINUTE = 60_000;
const client = { ip: '203.0.113.7', userAgent: 'vitest' };

async function userRow(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

describe('account lockout', () => {
  beforeEach(resetDatabase);

  it('locks after 10 consecutive failures for 15 minutes, mails the owner once, then lets the right password in', async () => {
    const user = await insertUser();
    const start = new Date('2030-01-01T00:00:00Z');
    for (let i = 0; i < 9; i++) {
      expect(await attemptLogin({ email: user.email!, password: 'wrong password', ...client, now: start })).toEqual({ status: 'invalid' });
    }
    expect((await userRow(user.id)).failedLoginCount).toBe(9);
    expect(await outboxRows(user.email!, 'sign-in-blocked')).toHaveLength(0);

    await attemptLogin({ email: user.email!, password: 'wrong password', ...client, now: start });
    const locked = await userRow(user.id);
    expect(locked.lockedUntil?.toISOString()).toBe(new Date(start.getTime() + 15 * MINUTE).toISOString());
    expect(locked.lockCount).toBe(1);
    expect(locked.failedLoginCount).toBe(0);

    // While locked even the right password is refused, looks the same, and counts nothing.
    const during = new Date(start.getTime() + 14 * MINUTE);
    expect(await attemptLogin({ email: user.email!, password: PASSWORD, ...client, now: during })).toEqual({ status: 'invalid' });
    expect(await attemptLogin({ email: user.email!, password: 'wrong again', ...client, now: during })).toEqual({ status: 'invalid' });
    expect((await userRow(user.id)).lockCount).toBe(1);
    const mails = await outboxRows(user.email!, 'sign-in-blocked');
    expect(mails).toHaveLength(1);
    expect(mails[0].props.lockedUntil).toBe(locked.lockedUntil?.toISOString());

    const reasons = (await loginEventsFor(user.email!)).map((event) => event.reason);
    expect(reasons).toEqual([...Array(10).fill('wrong_password'), 'locked', 'locked']);

    const after = new Date(start.getTime() + 15 * MINUTE + 1);
    expect(await attemptLogin({ email: user.email!, password: PASSWORD, ...client, now: after })).toEqual({ status: 'ok', userId: user.id, mustChangePassword: false, twoStepOn: false });
    const cleared = await userRow(user.id);
    expect([cleared.failedLoginCount, cleared.lockCount, cleared.lockedUntil, cleared.lastLoginAt?.toISOString()]).toEqual([0, 0, null, after.toISOString()]);
  });

  it('doubles each further lock up to 24 hours while no login succeeds', async () => {
    const user = await insertUser();
    let now = new Date('2030-01-01T00:00:00Z');
    const durations: number[] = [];
    for (let lock = 0; lock < 9; lock++) {
      for (let i = 0; i < 10; i++) await attemptLogin({ email: user.email!, password: 'nope nope', ...client, now });
      const row = await userRow(user.id);
      durations.push((row.lockedUntil!.getTime() - now.getTime()) / MINUTE);
      now = new Date(row.lockedUntil!.getTime() + 1);
    }
    expect(durations).toEqual([15, 30, 60, 120, 240, 480, 960, 1440, 1440]);
    expect(await outboxRows(user.email!, 'sign-in-blocked')).toHaveLength(9);
  });

  it('counts concurrent failures exactly once each, so parallel guessing locks at the threshold', async () => {
    const user = await insertUser();
    const now = new Date('2030-01-01T00:00:00Z');
    await Promise.all(Array.from({ length: 25 }, () => attemptLogin({ email: user.email!, password: 'parallel guess', ...client, now })));
    const row = await userRow(user.id);
    expect(row.lockCount).toBe(1);
    expect(row.failedLoginCount).toBe(0);
    const reasons = (await loginEventsFor(user.email!)).map((event) => event.reason);
    expect(reasons.filter((reason) => reason === 'wrong_password')).toHaveLength(10);
    expect(reasons.filter((reason) => reason === 'locked')).toHaveLength(15);
    expect(await outboxRows(user.email!, 'sign-in-blocked')).toHaveLength(1);
  });
});

describe('IP rate limit', () => {
  beforeEach(resetDatabase);

  async function failuresFrom(ip: string | null, count: number, at: Date) {
    const db = await getDb();
    await db.insert(loginEvents).values(
      Array.from({ length: count }, (_, i) => ({
        email: `guess-${i}@example.com`,
        ip,
        success: false,
        reason: 'unknown_email',
        createdAt: new Date(at.getTime() - i * 1000),
      })),
    );
  }

  it('refuses an IP with more than 50 failures in 10 minutes, for 10 minutes after its last failure', async () => {
    const user = await insertUser();
    const now = new Date('2030-01-01T00:10:00Z');
    await failuresFrom('198.51.100.9', 51, new Date(now.getTime() - 60_000));

    const attempt = (ip: string, at: Date) => attemptLogin({ email: user.email!, password: PASSWORD, ip, userAgent: 'vitest', now: at });
    expect(await attempt('198.51.100.9', now)).toEqual({ status: 'invalid' });
    expect(await attempt('198.51.100.10', now)).toEqual({ status: 'ok', userId: user.id, mustChangePassword: false, twoStepOn: false });

    // Attempts while limited are failures too: the block runs 10 minutes from the last of them.
    expect(await attempt('198.51.100.9', new Date(now.getTime() + 9 * MINUTE))).toEqual({ status: 'invalid' });
    expect(await attempt('198.51.100.9', new Date(now.getTime() + 18 * MINUTE))).toEqual({ status: 'invalid' });
    expect(await attempt('198.51.100.9', new Date(now.getTime() + 29 * MINUTE))).toEqual({ status: 'ok', userId: user.id, mustChangePassword: false, twoStepOn: false });

    const events = await loginEventsFor(user.email!);
    expect(events.map((event) => [event.ip, event.reason])).toEqual([
      ['198.51.100.9', 'rate_limited'],
      ['198.51.100.10', 'ok'],
      ['198.51.100.9', 'rate_limited'],
      ['198.51.100.9', 'rate_limited'],
      ['198.51.100.9', 'ok'],
    ]);
    // The account's own counter is not touched by attempts refused for their IP.
    expect((await userRow(user.id)).failedLoginCount).toBe(0);
  });

  it('counts attempts without a known IP together: a missing address never skips the limit', async () => {
    const user = await insertUser();
    const now = new Date('2030-01-01T02:00:00Z');
    await failuresFrom(null, 51, new Date(now.getTime() - 60_000));
    expect(await attemptLogin({ email: user.email!, password: PASSWORD, ip: null, userAgent: null, now })).toEqual({ status: 'invalid' });
    expect(await attemptLogin({ email: user.email!, password: PASSWORD, ip: '198.51.100.20', userAgent: null, now })).toEqual({
      status: 'ok',
      userId: user.id,
      mustChangePassword: false,
      twoStepOn: false,
    });
  });

  it('lets an IP with exactly 50 failures, or failures spread wider than the window, through', async () => {
    const user = await insertUser();
    const now = new Date('2030-01-01T01:00:00Z');
    await failuresFrom('192.0.2.1', 50, new Date(now.getTime() - 1000));
    const db = await getDb();
    // 60 failures, one every 15 s: never more than 40 in any 10 minutes.
    await db.insert(loginEvents).values(
      Array.from({ length: 60 }, (_, i) => ({ ip: '192.0.2.2', success: false, reason: 'wrong_password', createdAt: new Date(now.getTime() - 1000 - i * 15_000) })),
    );
    for (const ip of ['192.0.2.1', '192.0.2.2']) {
      expect(await attemptLogin({ email: user.email!, password: PASSWORD, ip, userAgent: null, now })).toEqual({ status: 'ok', userId: user.id, mustChangePassword: false, twoStepOn: false });
    }
  });
});
