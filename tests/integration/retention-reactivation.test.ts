// Dormant accounts coming back: password checked against the data kept apart, a code by mail, and
// the data moved back on the right code.
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { authTokens, mailOutbox } from '@/db/schema';
import { isAddressTaken } from '@/lib/accounts/address-taken';
import { hashPassword } from '@/lib/auth/password-hash';
import { checkDormantCredentials, completeReactivation, startReactivation } from '@/lib/retention/reactivation';
import { runSweep } from '@/lib/retention/run-sweep';
import { resetDatabase } from '../fixtures/database';
import { NOW, ago, days, dormantRow, insertUser, userRow } from '../fixtures/retention';

const PASSWORD = 'correct horse battery staple';
const EMAIL = 'sleeper@example.com';
const MINUTE = 60_000;

/** A verified account with a real password, made dormant by the sweep. */
async function dormantUser(): Promise<string> {
  const id = await insertUser({ email: EMAIL, name: 'Sleeper', locale: 'ko', passwordHash: await hashPassword(PASSWORD), lastLoginAt: ago(days(400)) });
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

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('reactivation of dormant accounts', () => {
  beforeEach(resetDatabase);

  it('accepts the right password of a dormant account only', async () => {
    const id = await dormantUser();
    expect(await checkDormantCredentials(' Sleeper@Example.com ', PASSWORD)).toEqual({ userId: id });
    expect(await checkDormantCredentials(EMAIL, 'wrong password')).toBeNull();
    expect(await checkDormantCredentials('nobody@example.com', PASSWORD)).toBeNull();
  });

  it('mails a code to the dormant address and gives the account back on the right code', async () => {
    const id = await dormantUser();
    const before = await dormantRow(id);
    const { ticket } = await startReactivation({ userId: id, now: NOW });
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
    const { ticket } = await startReactivation({ userId: id, now: NOW });
    const code = await codeMailedFor(id);
    const outcomes = [];
    for (let attempt = 0; attempt < 5; attempt++) outcomes.push(await completeReactivation({ ticket, code: wrong(code), now: NOW }));
    expect(outcomes).toEqual([
      { status: 'wrong_code', attemptsLeft: 4 },
      { status: 'wrong_code', attemptsLeft: 3 },
      { status: 'wrong_code', attemptsLeft: 2 },
      { status: 'wrong_code', attemptsLeft: 1 },
      { status: 'too_many_attempts' },
    ]);
    expect(await completeReactivation({ ticket, code, now: NOW })).toEqual({ status: 'too_many_attempts' });
    expect(await userRow(id)).toMatchObject({ status: 'dormant', email: null });
  });

  it('refuses an expired code', async () => {
    const id = await dormantUser();
    const { ticket } = await startReactivation({ userId: id, now: NOW });
    const code = await codeMailedFor(id);
    expect(await completeReactivation({ ticket, code, now: new Date(NOW.getTime() + 10 * MINUTE) })).toEqual({ status: 'expired' });
    expect(await userRow(id)).toMatchObject({ status: 'dormant' });
  });

  it('makes older codes useless when a new one is sent, and knows no made-up ticket', async () => {
    const id = await dormantUser();
    const first = await startReactivation({ userId: id, now: NOW });
    const firstCode = await codeMailedFor(id);
    const second = await startReactivation({ userId: id, now: NOW });
    expect(await completeReactivation({ ticket: first.ticket, code: firstCode, now: NOW })).toEqual({ status: 'invalid' });
    expect(await completeReactivation({ ticket: 'made-up', code: '123456', now: NOW })).toEqual({ status: 'invalid' });
    expect(await completeReactivation({ ticket: second.ticket, code: await codeMailedFor(id), now: NOW })).toMatchObject({ status: 'reactivated' });
  });

  it('treats a dormant address as taken, like a live one', async () => {
    await dormantUser();
    const live = await insertUser({ email: 'awake@example.com' });
    const db = await getDb();
    expect(await isAddressTaken(db, 'SLEEPER@example.com')).toBe(true);
    expect(await isAddressTaken(db, 'awake@example.com')).toBe(true);
    expect(await isAddressTaken(db, 'free@example.com')).toBe(false);
    expect(live).toBeTruthy();
  });
});
