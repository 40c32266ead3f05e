// SMS through SOLAPI, against the fake SOLAPI API (tests/support/fake-solapi.ts): the SDK's
// requests routed to SOLAPI_BASE_URL and signed, what the fake received, a refused number, and
// faults (500s, a hanging API, an answer lost after SOLAPI took the message): once it recovers,
// every code arrives exactly once.
import { eq, sql } from 'drizzle-orm';
import { Schema } from 'effect';
import { detailGroupMessageResponseSchema, getMessagesResponseSchema, messageResponseItemSchema } from 'solapi';
import { describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db';
import { mailOutbox } from '@/db/schema';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { sendPhoneCode } from '@/lib/phone/send-phone-code';
import { verifyPhoneCode } from '@/lib/phone/verify-phone-code';
import { fakeApiForFile } from './fixtures/fake-api';
import { LONG_STANDING, NOW, userRow } from './fixtures/retention';
import { insertUser } from './fixtures/users';
import { FAKE_SOLAPI_KEY, FAKE_SOLAPI_SECRET, startFakeSolapi, verifySolapiAuthorization } from '../support/fake-solapi';

const MINUTE = 60_000;
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

// A hanging SOLAPI request counts as a network error after MAIL_SEND_TIMEOUT_MS (15 s in production).
const fake = fakeApiForFile(startFakeSolapi, (url) => ({
  SOLAPI_API_KEY: FAKE_SOLAPI_KEY,
  SOLAPI_API_SECRET: FAKE_SOLAPI_SECRET,
  SMS_SENDER: '0212345678',
  SOLAPI_BASE_URL: url,
  MAIL_SEND_TIMEOUT_MS: '300',
}));

async function askForCode(phone: string, now: Date, locale: 'en' | 'ko' = 'en') {
  const id = (await insertUser({ ...LONG_STANDING, phone: null, locale })).id;
  expect((await sendPhoneCode({ userId: id, phone, ip: '203.0.113.9', locale, now })).status).toBe('sent');
  return id;
}

async function smsRows() {
  return queryRows<{ to_address: string; status: string; attempts: number; last_error: string | null; provider_id: string | null }>(
    await getDb(),
    sql`select to_address, status, attempts, last_error, provider_id from mail_outbox where channel = 'sms' order by to_address`,
  );
}

describe('SMS through SOLAPI', () => {
  it('sends a signed request to SOLAPI_BASE_URL with the national number, the sender, our key and no duplicates allowed', async () => {
    const id = await askForCode('+821055501234', NOW, 'ko');
    expect(await drainOutbox({ now: NOW })).toMatchObject({ sent: 1, failed: 0 });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/messages/v4/send-many/detail', authorized: true, status: 200 });
    expect(verifySolapiAuthorization(request.authorization, FAKE_SOLAPI_KEY, 'another secret')).toBe(false);
    expect(request.body).toMatchObject({ allowDuplicates: false });
    const [sms] = fake.messages;
    const [row] = await getDb().then((db) => db.select().from(mailOutbox).where(eq(mailOutbox.channel, 'sms')));
    expect(sms).toMatchObject({ to: '01055501234', from: '0212345678', country: '82', customFields: { outboxKey: row.id } });
    const code = /#(\d{6})$/.exec(sms.text)![1];
    expect(sms.text).toBe(`[Lifecycle] 인증번호 ${code}\n\n@localhost #${code}`);
    expect(row).toMatchObject({ status: 'sent', providerId: sms.messageId });
    expect(await verifyPhoneCode({ userId: id, code, now: at(1) })).toEqual({ status: 'verified', phone: '+821055501234' });
    expect((await userRow(id)).phoneVerifiedAt).toEqual(at(1));
  });

  it("answers in the shapes the SDK's response schemas decode, the lookup after a lost answer included", async () => {
    fake.setBehaviour({ mode: 'accept-then-fail', count: 1 });
    await askForCode('+821055501234', NOW);
    await drainOutbox({ now: NOW });
    await drainOutbox({ now: at(1) });
    const [send, list] = [fake.answers.filter((a) => a.path.endsWith('/send-many/detail')), fake.answers.filter((a) => a.path.endsWith('/list'))];
    expect(list).toHaveLength(1);
    // A mismatch with what the SDK expects would throw here, as it would in the SDK.
    expect(() => Schema.decodeUnknownSync(getMessagesResponseSchema)(list[0].body)).not.toThrow();
    const sendSchema = Schema.Struct({ ...detailGroupMessageResponseSchema.fields, messageList: Schema.optional(Schema.Array(messageResponseItemSchema)) });
    await askForCode('+821055505678', at(2));
    await drainOutbox({ now: at(2) });
    const sent = fake.answers.filter((a) => a.path.endsWith('/send-many/detail'));
    expect(sent.length).toBeGreaterThan(send.length);
    expect(() => Schema.decodeUnknownSync(sendSchema)(sent.at(-1)!.body)).not.toThrow();
    expect(fake.messages.map((sms) => sms.to)).toEqual(['01055501234', '01055505678']);
  });

  it('fails a refused number at once, without retrying it', async () => {
    fake.blockedNumbers.add('01055509999');
    await askForCode('+821055509999', NOW);
    expect(await drainOutbox({ now: NOW })).toMatchObject({ sent: 0, failed: 1 });
    expect(await smsRows()).toMatchObject([{ status: 'failed', attempts: 1, last_error: expect.stringContaining('1062') }]);
    expect(fake.messages).toHaveLength(0);
  });

  it('retries with backoff on 5xx and marks an SMS failed after MAIL_MAX_ATTEMPTS', async () => {
    fake.setBehaviour({ mode: 'status', status: 500 });
    // An SMS whose code would still be good for a day, so only the attempt limit ends it.
    const db = await getDb();
    await db.insert(mailOutbox).values({
      channel: 'sms',
      toAddress: '+821055501234',
      template: 'phone-code',
      props: { code: '123456', expiresAt: at(24 * 60).toISOString() },
      dedupeKey: 'test/max-attempts',
      nextAttemptAt: NOW,
    });
    const due: number[] = [];
    let now = NOW;
    for (let attempt = 1; attempt <= 9; attempt += 1) {
      await drainOutbox({ now });
      const [row] = await db.select().from(mailOutbox);
      due.push((row.nextAttemptAt.getTime() - now.getTime()) / 1000);
      now = row.nextAttemptAt;
    }
    expect(due.slice(0, 5)).toEqual([10, 30, 60, 120, 300]);
    expect(await smsRows()).toMatchObject([{ status: 'failed', attempts: 8, last_error: expect.stringContaining('500') }]);
    expect(fake.requests).toHaveLength(8);
    expect(fake.messages).toHaveLength(0);
  });

  it('does not send a code late: one that expires while SOLAPI is down fails', async () => {
    fake.setBehaviour({ mode: 'status', status: 502 });
    await askForCode('+821055501234', NOW);
    for (const minutes of [0, 1, 2, 3, 4]) await drainOutbox({ now: at(minutes) });
    fake.setBehaviour({ mode: 'ok' });
    await drainOutbox({ now: at(5) });
    expect(await smsRows()).toMatchObject([{ status: 'failed', last_error: 'code expired before it could be sent' }]);
    expect(fake.messages).toHaveLength(0);
  });
});

describe('SOLAPI faults', () => {
  const phones = ['+821055500001', '+821055500002', '+821055500003', '+821055500004'];

  // Drains every 10 s of outbox time for two minutes, as deliverSoon and the cron route would.
  async function drainUntilQuiet(start: Date): Promise<void> {
    for (let second = 0; second <= 120; second += 10) await drainOutbox({ now: new Date(start.getTime() + second * 1000) });
  }

  async function expectEachCodeOnce() {
    expect((await smsRows()).map((row) => row.status)).toEqual(phones.map(() => 'sent'));
    const received = fake.messages.map((sms) => sms.to).sort();
    expect(received).toEqual(['01055500001', '01055500002', '01055500003', '01055500004']);
  }

  it('500s for a while: every code arrives exactly once after recovery', async () => {
    fake.setBehaviour({ mode: 'status', status: 500, count: 6 });
    for (const phone of phones) await askForCode(phone, NOW);
    await drainUntilQuiet(NOW);
    await expectEachCodeOnce();
  });

  it('a hanging API times out and is retried: every code arrives exactly once', async () => {
    fake.setBehaviour({ mode: 'hang', count: 3 });
    for (const phone of phones) await askForCode(phone, NOW);
    await drainUntilQuiet(NOW);
    await expectEachCodeOnce();
  });

  it('an answer lost after SOLAPI took the message: the retry finds it there and sends nothing twice', async () => {
    fake.setBehaviour({ mode: 'accept-then-fail', count: 4 });
    for (const phone of phones) await askForCode(phone, NOW);
    await drainOutbox({ now: NOW });
    expect((await smsRows()).map((row) => row.status)).toEqual(phones.map(() => 'pending'));
    await drainUntilQuiet(at(1));
    await expectEachCodeOnce();
    const rows = await smsRows();
    expect(rows.map((row) => row.provider_id)).toEqual(phones.map((phone) => fake.messages.find((sms) => `+82${sms.to.slice(1)}` === phone)!.messageId));
  });
});
