// Phone verification through the local SMS inbox (no SOLAPI credentials): codes, tries, limits,
// taken numbers, consent and the number's way through dormancy. tests/integration/sms-solapi.test.ts
// covers delivery through SOLAPI.
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db';
import { restoreDormantAccount } from '@/db/reactivation-queries';
import { consentEvents, devSmsInbox, mailOutbox, phoneCodes, rateLimitHits, users } from '@/db/schema';
import { updateMarketingConsent } from '@/lib/account/update-marketing-consent';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { removePhone } from '@/lib/phone/remove-phone';
import { sendPhoneCode } from '@/lib/phone/send-phone-code';
import { SMS_DAILY_CAP_KEY } from '@/lib/phone/sms-limits';
import { verifyPhoneCode } from '@/lib/phone/verify-phone-code';
import { runSweep } from '@/lib/retention/run-sweep';
import { requireLocalInboxViewer } from '@/lib/dev/local-inbox-access';
import { resetDatabase } from './fixtures/database';
import { ago, days, dormantRow, LONG_STANDING, NOW, userRow } from './fixtures/retention';
import { insertUser } from './fixtures/users';

const MINUTE = 60_000;
const PHONE = '+821055501234';
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

async function person(overrides: Parameters<typeof insertUser>[0] = {}) {
  return (await insertUser({ ...LONG_STANDING, phone: null, ...overrides })).id;
}

/** The newest SMS of the local inbox to `phone`, and the code in it. */
async function lastSmsTo(phone: string): Promise<{ text: string; code: string } | null> {
  const db = await getDb();
  const rows = await db.select().from(devSmsInbox).where(eq(devSmsInbox.toNumber, phone)).orderBy(sql`${devSmsInbox.createdAt} desc`);
  if (!rows.length) return null;
  return { text: rows[0].text, code: /#(\d{6})$/.exec(rows[0].text)![1] };
}

async function sendAndRead(userId: string, now: Date, options: { phone?: string; locale?: 'en' | 'ko'; ip?: string } = {}) {
  const outcome = await sendPhoneCode({ userId, phone: options.phone ?? PHONE, ip: options.ip ?? '203.0.113.9', locale: options.locale ?? 'en', now });
  await drainOutbox({ now });
  return { outcome, sms: await lastSmsTo(options.phone ?? PHONE) };
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('phone verification (local SMS inbox)', () => {
  beforeEach(resetDatabase);

  it('texts a code in the English form with the WebOTP line, and the right code verifies the number', async () => {
    const id = await person();
    const { outcome, sms } = await sendAndRead(id, NOW);
    expect(outcome).toEqual({ status: 'sent', nextSendAt: at(1) });
    expect(sms!.text).toBe(`[Lifecycle] code ${sms!.code}\n\n@localhost #${sms!.code}`);
    // Only a keyed hash is stored; the outbox row's props (the code) are cleared once sent.
    const db = await getDb();
    const [row] = await db.select().from(phoneCodes).where(eq(phoneCodes.userId, id));
    expect(JSON.stringify(row)).not.toContain(sms!.code);
    const [outboxRow] = await db.select().from(mailOutbox).where(eq(mailOutbox.channel, 'sms'));
    expect(outboxRow).toMatchObject({ status: 'sent', toAddress: PHONE, template: 'phone-code', props: null });

    expect(await verifyPhoneCode({ userId: id, code: sms!.code, now: at(2) })).toEqual({ status: 'verified', phone: PHONE });
    expect(await userRow(id)).toMatchObject({ phone: PHONE, phoneVerifiedAt: at(2) });
    // Single use.
    expect(await verifyPhoneCode({ userId: id, code: sms!.code, now: at(3) })).toEqual({ status: 'no-code' });
  });

  it('writes the SMS in Korean for a Korean-speaking person', async () => {
    const id = await person({ locale: 'ko' });
    const { sms } = await sendAndRead(id, NOW, { locale: 'ko' });
    expect(sms!.text).toBe(`[Lifecycle] 인증번호 ${sms!.code}\n\n@localhost #${sms!.code}`);
  });

  it('refuses an expired code', async () => {
    const id = await person();
    const { sms } = await sendAndRead(id, NOW);
    expect(await verifyPhoneCode({ userId: id, code: sms!.code, now: at(5) })).toEqual({ status: 'no-code' });
    expect((await userRow(id)).phoneVerifiedAt).toBeNull();
  });

  it('counts wrong codes per number: five in all, and a new code does not bring new tries', async () => {
    const id = await person();
    const first = await sendAndRead(id, NOW);
    for (const left of [4, 3, 2]) {
      expect(await verifyPhoneCode({ userId: id, code: wrong(first.sms!.code), now: at(1) })).toEqual({ status: 'wrong-code', triesLeft: left });
    }
    const second = await sendAndRead(id, at(2));
    expect(second.sms!.code).not.toBeUndefined();
    // The first code stopped working when the second was sent.
    expect(await verifyPhoneCode({ userId: id, code: first.sms!.code, now: at(3) })).toEqual({ status: 'wrong-code', triesLeft: 1 });
    expect(await verifyPhoneCode({ userId: id, code: wrong(second.sms!.code), now: at(3) })).toEqual({ status: 'too-many-tries' });
    const third = await sendAndRead(id, at(4));
    expect(await verifyPhoneCode({ userId: id, code: third.sms!.code, now: at(4) })).toEqual({ status: 'too-many-tries' });
    expect((await userRow(id)).phoneVerifiedAt).toBeNull();
  });

  it('keeps the 60 s cool-down, 3 codes an hour per number, and says when the next one can go', async () => {
    const id = await person();
    expect((await sendAndRead(id, NOW)).outcome.status).toBe('sent');
    expect(await sendPhoneCode({ userId: id, phone: PHONE, ip: '203.0.113.9', locale: 'en', now: at(0.5) })).toEqual({ status: 'too-soon', retryAt: at(1) });
    expect((await sendAndRead(id, at(1))).outcome.status).toBe('sent');
    expect((await sendAndRead(id, at(2))).outcome.status).toBe('sent');
    // A fourth within the hour, from another account too: the number's limit.
    const other = await person();
    expect(await sendPhoneCode({ userId: other, phone: PHONE, ip: '198.51.100.1', locale: 'en', now: at(3) })).toEqual({ status: 'limited', retryAt: at(60) });
    expect((await sendAndRead(other, at(60))).outcome.status).toBe('sent');
    const db = await getDb();
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.channel, 'sms'))).toHaveLength(4);
  });

  it('limits an IP to 20 codes an hour, across numbers and accounts', async () => {
    const ids = await Promise.all(Array.from({ length: 21 }, () => person()));
    for (const [index, id] of ids.entries()) {
      const phone = `+82105550${String(1000 + index)}`;
      const outcome = await sendPhoneCode({ userId: id, phone, ip: '192.0.2.50', locale: 'en', now: at(index) });
      expect(outcome.status).toBe(index < 20 ? 'sent' : 'limited');
    }
  });

  it('stops every code at the global daily cap, and counts nothing for a refused request', async () => {
    const id = await person();
    const db = await getDb();
    await db.insert(rateLimitHits).values(Array.from({ length: 1000 }, () => ({ key: SMS_DAILY_CAP_KEY, createdAt: ago(MINUTE * 60) })));
    expect(await sendPhoneCode({ userId: id, phone: PHONE, ip: '203.0.113.9', locale: 'en', now: NOW })).toEqual({ status: 'daily-cap' });
    expect(await db.select().from(mailOutbox)).toHaveLength(0);
    expect(await db.select().from(rateLimitHits).where(eq(rateLimitHits.key, `sms:account:${id}`))).toHaveLength(0);
  });

  it('gives a number verified on another account (live or dormant) the same answer, sends nothing, and logs the attempt', async () => {
    const owner = await person({ phone: PHONE, phoneVerifiedAt: ago(days(3)) });
    const id = await person();
    const outcome = await sendPhoneCode({ userId: id, phone: PHONE, ip: '203.0.113.9', locale: 'en', now: NOW });
    expect(outcome).toEqual({ status: 'sent', nextSendAt: at(1) });
    await drainOutbox({ now: NOW });
    expect(await lastSmsTo(PHONE)).toBeNull();
    const db = await getDb();
    expect(await db.select().from(mailOutbox)).toHaveLength(0);
    expect(await db.select({ taken: phoneCodes.numberTaken, ip: phoneCodes.ip }).from(phoneCodes).where(eq(phoneCodes.userId, id))).toEqual([{ taken: true, ip: '203.0.113.9' }]);
    // Whatever is typed, the number stays the owner's.
    expect((await verifyPhoneCode({ userId: id, code: '000000', now: at(1) })).status).toBe('wrong-code');

    // Dormant, the owner still holds it.
    await db.update(users).set({ lastLoginAt: ago(days(400)), email: 'owner@example.com' }).where(eq(users.id, owner));
    await runSweep({ now: NOW, trigger: 'cli', drainMs: 0 });
    expect(await dormantRow(owner)).toMatchObject({ phone: PHONE, phoneVerifiedAt: ago(days(3)) });
    const third = await person();
    await sendPhoneCode({ userId: third, phone: PHONE, ip: '203.0.113.10', locale: 'en', now: at(120) });
    expect(await db.select({ taken: phoneCodes.numberTaken }).from(phoneCodes).where(eq(phoneCodes.userId, third))).toEqual([{ taken: true }]);
  });

  it('moves the number and its verification date with dormancy and brings them back on reactivation', async () => {
    const id = await person({ phone: PHONE, phoneVerifiedAt: ago(days(500)), lastLoginAt: ago(days(400)) });
    await runSweep({ now: NOW, trigger: 'cli', drainMs: 0 });
    expect(await userRow(id)).toMatchObject({ status: 'dormant', phone: null, phoneVerifiedAt: null });
    expect(await dormantRow(id)).toMatchObject({ phone: PHONE, phoneVerifiedAt: ago(days(500)) });
    expect(await restoreDormantAccount(await getDb(), { userId: id, now: at(1) })).toBe(true);
    expect(await userRow(id)).toMatchObject({ status: 'active', phone: PHONE, phoneVerifiedAt: ago(days(500)) });
  });

  it('grants SMS news only with a verified number; Remove number withdraws it with a consent event', async () => {
    const id = await person();
    expect(await updateMarketingConsent({ userId: id, email: true, sms: true, ip: null, now: NOW })).toEqual({ status: 'phone-unverified' });
    expect(await userRow(id)).toMatchObject({ marketingEmailConsentAt: null, marketingSmsConsentAt: null });

    const { sms } = await sendAndRead(id, NOW);
    await verifyPhoneCode({ userId: id, code: sms!.code, now: at(1) });
    expect(await updateMarketingConsent({ userId: id, email: true, sms: true, ip: '203.0.113.9', now: at(2) })).toEqual({ status: 'saved', changed: ['email', 'sms'] });

    expect(await removePhone({ userId: id, ip: '203.0.113.9', now: at(3) })).toEqual({ status: 'removed' });
    expect(await userRow(id)).toMatchObject({ phone: null, phoneVerifiedAt: null, marketingSmsConsentAt: null, marketingEmailConsentAt: at(2) });
    const db = await getDb();
    const events = await db.select().from(consentEvents).where(and(eq(consentEvents.userId, id), eq(consentEvents.channel, 'sms'))).orderBy(consentEvents.id);
    expect(events.map((event) => [event.granted, event.createdAt])).toEqual([
      [true, at(2)],
      [false, at(3)],
    ]);
  });

  it('the retention sweep deletes phone codes once they are older than the login log keeps', async () => {
    const id = await person();
    const db = await getDb();
    const code = (label: string, expiresAt: Date) => ({ userId: id, phone: PHONE, codeHash: label, expiresAt, createdAt: expiresAt });
    await db.insert(phoneCodes).values([code('old', ago(days(365) + MINUTE)), code('kept', ago(days(365) - MINUTE))]);
    const result = await runSweep({ now: NOW, trigger: 'cli', drainMs: 0 });
    expect(result.status !== 'skipped' && result.counts.purgePhoneCodes).toBe(1);
    expect((await db.select().from(phoneCodes)).map((row) => row.codeHash)).toEqual(['kept']);
  });

  it('serves /dev/sms to everyone outside production', async () => {
    await expect(requireLocalInboxViewer('sms')).resolves.toBeUndefined();
  });
});

describe('outbox rows of both channels', () => {
  beforeEach(resetDatabase);

  it('never puts an SMS into a mail batch', async () => {
    const id = await person();
    await sendPhoneCode({ userId: id, phone: PHONE, ip: null, locale: 'en', now: NOW });
    const rows = await queryRows<{ channel: string; idempotency_key: string | null }>(await getDb(), sql`select channel, idempotency_key from mail_outbox`);
    expect(rows).toEqual([{ channel: 'sms', idempotency_key: null }]);
    await drainOutbox({ now: NOW });
    const [after] = await queryRows<{ idempotency_key: string; id: string }>(await getDb(), sql`select id, idempotency_key from mail_outbox`);
    expect(after.idempotency_key).toBe(`sms-${after.id}`);
  });
});
