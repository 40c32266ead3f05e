// Dormant accounts coming back: password checked against the data kept apart, a code by mail, and
// the data moved back on the right code.
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { authTokens, mailOutbox, users } from '@/db/schema';
import { isAddressTaken } from '@/lib/account/address-holder';
import { attemptLogin } from '@/lib/auth/login';
import { hashPassword } from '@/lib/auth/password-hash';
import { config } from '@/lib/config';
import { checkDormantCredentials, completeReactivation, startReactivation } from '@/lib/retention/reactivation';
import { runSweep } from '@/lib/retention/run-sweep';
import { resetDatabase } from './fixtures/database';
import { ago, days, dormantRow, LONG_STANDING, NOW, userRow } from './fixtures/retention';
import { insertUser } from './fixtures/users';

const PASSWORD = 'correct horse battery staple';
const EMAIL = 'sleeper@example.com';
const MINUTE = 60_000;
const DAY_MS = 24 * 60 * MINUTE;

/** A verified account with a real password, made dormant by the sweep. */
async function dormantUser(): Promise<string> {
  const id = (await insertUser({ ...LONG_STANDING, email: EMAIL, name: 'Sleeper', locale: 'ko', passwordHash: await hashPassword(PASSWORD), lastLoginAt: ago(days(400)) })).id;
  await runSweep({ now: NOW, trigger: 'cli', drainMs: 0 });
  expect(await userRow(id)).toMatchObject({ status: 'dormant', email: null });
  return id;
}

async function codeMailedFor(userId: string): Promise<string> {
  const db = await getDb();
  const [token] = await db.select().from(authTokens).where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, 'reactivate')));
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.dedupeKey, `reactivation-code/${token.id}`));
  return (mail.props as { code: string }).code;
}

/** Starts a reactivation that must send a code; the ticket for the cookie. */
async function sendCode(userId: string, now: Date): Promise<{ ticket: string }> {
  const started = await startReactivation({ userId, now });
  if (started.status !== 'sent') throw new Error(`no code sent: ${started.limit}`);
  return started;
}

/** What the login form does: the right password of the dormant account. */
const logIn = (now: Date) => attemptLogin({ email: EMAIL, password: PASSWORD, ip: '198.51.100.7', userAgent: 'test', now });

async function codeMailCount(): Promise<number> {
  const db = await getDb();
  return (await db.select().from(mailOutbox).where(eq(mailOutbox.template, 'reactivation-code'))).length;
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('reactivation of dormant accounts', () => {
  beforeEach(resetDatabase);

  it('accepts the right password of a dormant account only', async () => {
    const id = await dormantUser();
    expect(await checkDormantCredentials(' Sleeper@Example.com ', PASSWORD)).toEqual({ userId: id });
    expect(await checkDormantCredentials(EMAIL, 'wrong password')).toBeNull();
    expect(await checkDormantCredentials('nobody@example.com', PASSWORD)).toBeNull();
  });

  it('refuses even the right password of a dormant account while it is locked, and sends no code', async () => {
    const id = await dormantUser();
    const db = await getDb();
    await db.update(users).set({ lockedUntil: new Date(NOW.getTime() + 15 * MINUTE) }).where(eq(users.id, id));
    expect(await logIn(new Date(NOW.getTime() + 14 * MINUTE))).toEqual({ status: 'invalid' });
    expect(await codeMailCount()).toBe(0);
    expect(await logIn(new Date(NOW.getTime() + 16 * MINUTE))).toMatchObject({ status: 'dormant', userId: id });
    expect(await codeMailCount()).toBe(1);
  });

  it('mails a code to the dormant address and gives the account back on the right code', async () => {
    const id = await dormantUser();
    const before = await dormantRow(id);
    const { ticket } = await sendCode(id, NOW);
    const db = await getDb();
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.template, 'reactivation-code'));
    expect(mail).toMatchObject({
      toAddress: EMAIL,
      locale: 'ko',
      props: { name: 'Sleeper', code: expect.stringMatching(/^\d{6}$/), expiresAt: new Date(NOW.getTime() + 10 * MINUTE).toISOString() },
    });
    const [token] = await db.select().from(authTokens).where(eq(authTokens.userId, id));
    expect(token.tokenHash).not.toContain(ticket);
    expect(JSON.stringify(token)).not.toContain((mail.props as { code: string }).code);

    const later = new Date(NOW.getTime() + 10 * MINUTE - 1_000);
    expect(await completeReactivation({ ticket, code: await codeMailedFor(id), now: later })).toEqual({ status: 'reactivated', userId: id });
    expect(await userRow(id)).toMatchObject({
      status: 'active',
      email: EMAIL,
      name: before.name,
      phone: before.phone,
      passwordHash: before.passwordHash,
      dormantAt: null,
      lastLoginAt: later,
    });
    expect(await dormantRow(id)).toBeUndefined();
    expect(await checkDormantCredentials(EMAIL, PASSWORD)).toBeNull();
    expect(await completeReactivation({ ticket, code: (mail.props as { code: string }).code, now: later })).toEqual({ status: 'invalid' });
  });

  it('counts wrong codes down and refuses even the right code after five', async () => {
    const id = await dormantUser();
    const { ticket } = await sendCode(id, NOW);
    const code = await codeMailedFor(id);
    const outcomes = [];
    for (let attempt = 0; attempt < 5; attempt++) outcomes.push(await completeReactivation({ ticket, code: wrong(code), now: NOW }));
    expect(outcomes).toEqual([
      { status: 'wrong-code', attemptsLeft: 4 },
      { status: 'wrong-code', attemptsLeft: 3 },
      { status: 'wrong-code', attemptsLeft: 2 },
      { status: 'wrong-code', attemptsLeft: 1 },
      { status: 'too-many-attempts' },
    ]);
    expect(await completeReactivation({ ticket, code, now: NOW })).toEqual({ status: 'too-many-attempts' });
    expect(await userRow(id)).toMatchObject({ status: 'dormant', email: null });
  });

  it('refuses an expired code', async () => {
    const id = await dormantUser();
    const { ticket } = await sendCode(id, NOW);
    const code = await codeMailedFor(id);
    expect(await completeReactivation({ ticket, code, now: new Date(NOW.getTime() + 10 * MINUTE) })).toEqual({ status: 'expired' });
    expect(await userRow(id)).toMatchObject({ status: 'dormant' });
  });

  it('makes older codes useless when a new one is sent, and knows no made-up ticket', async () => {
    const id = await dormantUser();
    const first = await sendCode(id, NOW);
    const firstCode = await codeMailedFor(id);
    const second = await sendCode(id, NOW);
    expect(await completeReactivation({ ticket: first.ticket, code: firstCode, now: NOW })).toEqual({ status: 'invalid' });
    expect(await completeReactivation({ ticket: 'made-up', code: '123456', now: NOW })).toEqual({ status: 'invalid' });
    expect(await completeReactivation({ ticket: second.ticket, code: await codeMailedFor(id), now: NOW })).toMatchObject({ status: 'reactivated' });
  });

  it('mails at most REACTIVATION_CODES_PER_DAY codes a day however often the right password is typed', async () => {
    const id = await dormantUser();
    const perDay = config.REACTIVATION_CODES_PER_DAY;
    const outcomes = [];
    for (let login = 0; login < perDay + 3; login++) outcomes.push(await logIn(new Date(NOW.getTime() + login * MINUTE)));
    expect(outcomes.slice(0, perDay).map((outcome) => outcome.status)).toEqual(Array(perDay).fill('dormant'));
    expect(outcomes.slice(perDay)).toEqual(Array(3).fill({ status: 'reactivation-limited', userId: id, limit: 'codes' }));
    expect(await codeMailCount()).toBe(perDay);

    // The last code sent keeps working; nothing about it changed.
    const last = outcomes[perDay - 1];
    if (last.status !== 'dormant') throw new Error('unreachable');
    const code = await codeMailedFor(id);
    expect(await completeReactivation({ ticket: last.reactivationTicket, code: wrong(code), now: new Date(NOW.getTime() + perDay * MINUTE) })).toMatchObject({ status: 'wrong-code' });

    // A day after the first code, one more may go.
    expect(await logIn(new Date(NOW.getTime() + DAY_MS + MINUTE))).toMatchObject({ status: 'dormant' });
    expect(await codeMailCount()).toBe(perDay + 1);
  });

  it('counts wrong codes across codes: a new code does not bring new tries', async () => {
    const id = await dormantUser();
    const perCode = config.REACTIVATION_CODE_MAX_ATTEMPTS;
    const perDay = config.REACTIVATION_WRONG_CODES_PER_DAY;
    expect(perDay - perCode - 3).toBeGreaterThanOrEqual(0);
    const wrongTries = async (count: number) => {
      const { ticket } = await sendCode(id, NOW);
      const code = await codeMailedFor(id);
      for (let attempt = 0; attempt < count; attempt++) await completeReactivation({ ticket, code: wrong(code), now: NOW });
      return { ticket, code };
    };
    // A whole code's tries, then a few on a second code: three tries are left for the day.
    await wrongTries(perCode);
    await wrongTries(perDay - perCode - 3);
    // A third code offers what is left of the day, not another full set.
    const { ticket, code } = await wrongTries(0);
    expect(await completeReactivation({ ticket, code: wrong(code), now: NOW })).toEqual({ status: 'wrong-code', attemptsLeft: 2 });
    expect(await completeReactivation({ ticket, code: wrong(code), now: NOW })).toEqual({ status: 'wrong-code', attemptsLeft: 1 });
    expect(await completeReactivation({ ticket, code: wrong(code), now: NOW })).toEqual({ status: 'too-many-wrong-codes-today' });
    // Even the right code is refused now, and logging in again sends none.
    expect(await completeReactivation({ ticket, code, now: NOW })).toEqual({ status: 'too-many-wrong-codes-today' });
    const mailsBefore = await codeMailCount();
    expect(await logIn(new Date(NOW.getTime() + MINUTE))).toEqual({ status: 'reactivation-limited', userId: id, limit: 'wrong-codes' });
    expect(await codeMailCount()).toBe(mailsBefore);
    expect(await userRow(id)).toMatchObject({ status: 'dormant', email: null });

    // A day later the account can come back.
    const later = new Date(NOW.getTime() + DAY_MS + MINUTE);
    const again = await logIn(later);
    if (again.status !== 'dormant') throw new Error(`expected a code, got ${again.status}`);
    expect(await completeReactivation({ ticket: again.reactivationTicket, code: await codeMailedFor(id), now: later })).toEqual({ status: 'reactivated', userId: id });
  });

  it('treats a dormant address as taken, like a live one', async () => {
    await dormantUser();
    const live = (await insertUser({ ...LONG_STANDING, email: 'awake@example.com' })).id;
    const db = await getDb();
    expect(await isAddressTaken(db, 'SLEEPER@example.com')).toBe(true);
    expect(await isAddressTaken(db, 'awake@example.com')).toBe(true);
    expect(await isAddressTaken(db, 'free@example.com')).toBe(false);
    expect(live).toBeTruthy();
  });
});
