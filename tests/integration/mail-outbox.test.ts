// The outbox against a fake Resend API on 127.0.0.1: what goes on the wire and what the rows say.
import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { claimDueMail } from '@/db/mail-outbox';
import { enqueueMail } from '@/lib/mail/enqueue';
import { batchMailKey, drainOutbox, singleMailKey } from '@/lib/mail/drain-outbox';
import { runSweep } from '@/lib/retention/run-sweep';
import { startFakeResend } from '../support/fake-resend';
import { fakeApiForFile } from './fixtures/fake-api';
import { minutesAfter, outboxRows, queueVerifyEmails } from './fixtures/mail';

const fake = fakeApiForFile(startFakeResend, (url) => ({ RESEND_API_KEY: 're_test_outbox', RESEND_BASE_URL: url, MAIL_SEND_TIMEOUT_MS: '500' }));

// The outbox clock of each test: a moment just after the mail is queued (at the real now).
let t0: Date;

beforeEach(() => {
  t0 = new Date(Date.now() + 60_000);
});

const sendRequests = () => fake.requests.filter((request) => request.path.startsWith('/emails'));

describe('mail outbox', () => {
  it('enqueues inside the transaction: a change that rolls back leaves no mail', async () => {
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await enqueueMail(tx, { to: 'a@example.com', template: 'signup-attempt', props: { loginUrl: 'http://x/login', resetUrl: 'http://x/reset' }, locale: 'en', dedupeKey: 'k1' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await outboxRows()).toHaveLength(0);

    await db.transaction(async (tx) => {
      await enqueueMail(tx, { to: 'a@example.com', template: 'signup-attempt', props: { loginUrl: 'http://x/login', resetUrl: 'http://x/reset' }, locale: 'en', dedupeKey: 'k1' });
    });
    expect(await outboxRows()).toHaveLength(1);
  });

  it("writes dates in the recipient's time zone, and in ADMIN_TIMEZONE for one who chose none", async () => {
    const db = await getDb();
    const props = { name: 'Min-ji', changedAt: '2026-03-05T06:00:00.000Z', resetUrl: 'http://x/forgot-password' };
    await enqueueMail(db, { to: 'newyork@example.com', template: 'password-changed', props, locale: 'en', timeZone: 'America/New_York', dedupeKey: 'tz-1' });
    await enqueueMail(db, { to: 'default@example.com', template: 'password-changed', props, locale: 'en', dedupeKey: 'tz-2' });
    await enqueueMail(db, { to: 'unknown@example.com', template: 'password-changed', props, locale: 'en', timeZone: 'Mars/Olympus_Mons', dedupeKey: 'tz-3' });
    await drainOutbox({ now: t0 });
    const textTo = (address: string) => fake.emails.find((email) => email.to[0] === address)!.text;
    // 06:00 UTC is 1:00 AM in New York (EST) and 3:00 PM in Seoul.
    expect(textTo('newyork@example.com')).toMatch(/March 5, 2026 at 1:00\sAM EST/);
    expect(textTo('default@example.com')).toMatch(/March 5, 2026 at 3:00\sPM GMT\+9/);
    expect(textTo('unknown@example.com')).toMatch(/March 5, 2026 at 3:00\sPM GMT\+9/);
  });

  it('mails once per dedupe key however often the event is raised', async () => {
    const db = await getDb();
    const mail = { to: 'a@example.com', template: 'signup-attempt' as const, props: { loginUrl: 'http://x/login', resetUrl: 'http://x/reset' }, locale: 'ko' as const, dedupeKey: 'signup-attempt/a' };
    expect(await enqueueMail(db, mail)).toBe(true);
    expect(await enqueueMail(db, mail)).toBe(false);
    await drainOutbox({ now: t0 });
    await drainOutbox({ now: minutesAfter(t0, 60) });
    expect(fake.emails).toHaveLength(1);
    expect(fake.emails[0].subject).toContain('가입 시도');
  });

  it('sends due mail as one batch keyed by its sorted ids, then clears props and records the provider id', async () => {
    await queueVerifyEmails(3);
    const rowsBefore = await outboxRows();

    expect(await drainOutbox({ now: t0 })).toMatchObject({ sent: 3, requests: 1 });

    const [request] = sendRequests();
    expect(request.path).toBe('/emails/batch');
    expect(request.headers['idempotency-key']).toBe(batchMailKey(rowsBefore.map((row) => row.id).reverse()));
    expect(fake.emails.map((email) => email.to[0]).sort()).toEqual(['user0@example.com', 'user1@example.com', 'user2@example.com']);
    const email = fake.emails.find((item) => item.to[0] === 'user1@example.com')!;
    expect(email.from).toBe('Lifecycle <no-reply@example.com>');
    expect(email.subject).toBe('Confirm your email address for Lifecycle');
    expect(email.html).toContain('href="http://localhost:3000/verify-email?token=token-1"');
    expect(email.text).toContain('http://localhost:3000/verify-email?token=token-1');
    // A verification mail goes to an address not yet proven, so it greets no one by name.
    expect(email.text).toContain('Hi there,');

    const rows = await outboxRows();
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'sent', props: null, attempts: 1, lastError: null });
      expect(row.sentAt?.toISOString()).toBe(t0.toISOString());
    }
    expect(rows.map((row) => row.providerId).sort()).toEqual(fake.emails.map((item) => item.id).sort());
  });

  it('sends a lone mail as a single send keyed by its id, and splits a long queue into batches of 100', async () => {
    await queueVerifyEmails(1);
    const [row] = await outboxRows();
    await drainOutbox({ now: t0 });
    expect(sendRequests().map((request) => [request.path, request.headers['idempotency-key']])).toEqual([['/emails', singleMailKey(row.id)]]);

    fake.reset();
    await queueVerifyEmails(150, { prefix: 'many-' });
    expect(await drainOutbox({ now: t0 })).toMatchObject({ sent: 150, requests: 2 });
    expect(sendRequests().map((request) => (request.body as unknown[]).length)).toEqual([100, 50]);
  });

  it('retries a failed request with the same Idempotency-Key and body, after the backoff', async () => {
    await queueVerifyEmails(2);
    fake.setBehaviour({ mode: 'status', status: 500, count: 1 });

    expect(await drainOutbox({ now: t0 })).toMatchObject({ sent: 0, retried: 2 });
    let rows = await outboxRows();
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.lastError).toMatch(/500/);
      expect(row.nextAttemptAt.toISOString()).toBe(minutesAfter(t0, 1).toISOString());
      expect(row.props).not.toBeNull();
    }

    expect(await drainOutbox({ now: minutesAfter(t0, 0.5) })).toMatchObject({ sent: 0, requests: 0 });
    expect(await drainOutbox({ now: minutesAfter(t0, 1) })).toMatchObject({ sent: 2, requests: 1 });
    const [failed, retried] = sendRequests();
    expect(retried.headers['idempotency-key']).toBe(failed.headers['idempotency-key']);
    expect(retried.body).toEqual(failed.body);
    rows = await outboxRows();
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent']);
  });

  it('treats a request that hangs past MAIL_SEND_TIMEOUT_MS like a network error', async () => {
    await queueVerifyEmails(1);
    fake.setBehaviour({ mode: 'hang', count: 1 });
    expect(await drainOutbox({ now: t0 })).toMatchObject({ sent: 0, retried: 1 });
    expect((await outboxRows())[0].lastError).toMatch(/network/);
    expect(await drainOutbox({ now: minutesAfter(t0, 1) })).toMatchObject({ sent: 1 });
    const [hung, retried] = sendRequests();
    expect(retried.headers['idempotency-key']).toBe(hung.headers['idempotency-key']);
  });

  it('backs off 1 min, 5 min, 30 min, 2 h, 12 h, … and marks the mail failed after MAIL_MAX_ATTEMPTS', async () => {
    await queueVerifyEmails(1);
    fake.setBehaviour({ mode: 'status', status: 503 });
    const waits: number[] = [];
    let now = t0;
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      await drainOutbox({ now });
      const [row] = await outboxRows();
      expect(row.attempts).toBe(attempt);
      if (attempt < 8) {
        expect(row.status).toBe('pending');
        waits.push((row.nextAttemptAt.getTime() - now.getTime()) / 60_000);
        now = row.nextAttemptAt;
      } else {
        expect(row.status).toBe('failed');
        expect(row.lastError).toMatch(/503/);
      }
    }
    expect(waits).toEqual([1, 5, 30, 120, 720, 720, 720]);
    await drainOutbox({ now: minutesAfter(now, 24 * 60) });
    expect(sendRequests()).toHaveLength(8);
  });

  it('keeps a retried batch together under its key, apart from mail queued since', async () => {
    await queueVerifyEmails(3);
    fake.setBehaviour({ mode: 'status', status: 500, count: 1 });
    await drainOutbox({ now: t0 });
    await queueVerifyEmails(2, { prefix: 'later-' });
    await drainOutbox({ now: minutesAfter(t0, 1) });
    const [first, retry, fresh] = sendRequests();
    expect(retry.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect((retry.body as unknown[]).length).toBe(3);
    expect(fresh.headers['idempotency-key']).not.toBe(first.headers['idempotency-key']);
    expect((fresh.body as unknown[]).length).toBe(2);
  });

  it('takes back mail a crashed drain left in sending after MAIL_STUCK_MINUTES, with the same key', async () => {
    await queueVerifyEmails(2);
    // A drain claims the rows, then its process dies before sending or recording anything.
    const claimed = await claimDueMail({ now: t0, stuckBefore: minutesAfter(t0, -10), limit: 100, keyFor: batchMailKey });
    expect(claimed).toHaveLength(2);

    expect(await drainOutbox({ now: minutesAfter(t0, 9) })).toMatchObject({ requests: 0 });
    expect(await drainOutbox({ now: minutesAfter(t0, 10) })).toMatchObject({ sent: 2, requests: 1 });
    expect(sendRequests()[0].headers['idempotency-key']).toBe(claimed[0].idempotencyKey);
    expect((await outboxRows()).map((row) => [row.status, row.attempts])).toEqual([
      ['sent', 2],
      ['sent', 2],
    ]);
  });

  it('fails only the invalid mail of a batch Resend rejects (422), sending the rest one by one', async () => {
    await queueVerifyEmails(3, { to: (index) => (index === 1 ? 'not-an-address' : `user${index}@example.com`) });
    expect(await drainOutbox({ now: t0 })).toMatchObject({ sent: 2, failed: 1 });
    const rows = await outboxRows();
    const bad = rows.find((row) => row.toAddress === 'not-an-address')!;
    expect(bad.status).toBe('failed');
    expect(bad.lastError).toMatch(/422 validation_error/);
    expect(rows.filter((row) => row.status === 'sent')).toHaveLength(2);
    expect(sendRequests().map((request) => [request.path, request.status])).toEqual([
      ['/emails/batch', 422],
      ['/emails', 200],
      ['/emails', 422],
      ['/emails', 200],
    ]);
    // Nothing is retried: a rejected mail stays failed.
    await drainOutbox({ now: minutesAfter(t0, 60) });
    expect(sendRequests()).toHaveLength(4);
  });

  it('deletes sent mail after MAIL_OUTBOX_RETENTION_DAYS (in the retention sweep) and keeps the rest', async () => {
    await queueVerifyEmails(2);
    await drainOutbox({ now: t0 });
    await queueVerifyEmails(1, { prefix: 'pending-' });
    const db = await getDb();
    await db.execute(sql`update mail_outbox set status = 'failed' where dedupe_key = 'test/pending-0'`);

    const sweep = async (now: Date) => {
      const result = await runSweep({ now, trigger: 'cli', drainMs: 0 });
      return result.status === 'skipped' ? NaN : result.counts.purgeSentMail;
    };
    expect(await sweep(minutesAfter(t0, 29 * 24 * 60))).toBe(0);
    expect(await sweep(minutesAfter(t0, 30 * 24 * 60 + 1))).toBe(2);
    expect((await outboxRows()).map((row) => row.status)).toEqual(['failed']);
  });
});
