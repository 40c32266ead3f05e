// Resend's rate limit, played by the fake at 4 requests a second: the drain waits as 429s say and
// paces itself to the announced ratelimit-limit.
import { describe, expect, it } from 'vitest';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { startFakeResend } from '../support/fake-resend';
import { fakeApiForFile } from './fixtures/fake-api';
import { outboxRows, queueVerifyEmails } from './fixtures/mail';

const fake = fakeApiForFile(() => startFakeResend({ requestsPerSecond: 4 }), (url) => ({ RESEND_API_KEY: 're_test_rate_limit', RESEND_BASE_URL: url }), {
  // Let the fake's one-second window and the pacer's last wait run out between tests.
  beforeReset: () => new Promise((resolve) => setTimeout(resolve, 1100)),
});

const sendRequests = () => fake.requests.filter((request) => request.path.startsWith('/emails'));

describe('mail delivery under a rate limit', () => {
  it('waits as retry-after says on a 429 and sends again with the same key, without counting an attempt', async () => {
    await queueVerifyEmails(2);
    fake.setBehaviour({ mode: 'status', status: 429, headers: { 'retry-after': '1' }, count: 1 });
    const started = Date.now();
    expect(await drainOutbox()).toMatchObject({ sent: 2, requests: 1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const [limited, sent] = sendRequests();
    expect([limited.status, sent.status]).toEqual([429, 200]);
    expect(sent.headers['idempotency-key']).toBe(limited.headers['idempotency-key']);
    expect((await outboxRows()).map((row) => [row.status, row.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
  });

  it('paces requests to the announced limit instead of running into 429s', async () => {
    await queueVerifyEmails(9);
    const started = Date.now();
    // One mail per request: nine requests against a limit of four a second.
    expect(await drainOutbox({ batchSize: 1 })).toMatchObject({ sent: 9, requests: 9 });
    const elapsed = Date.now() - started;
    expect(sendRequests().map((request) => request.status)).toEqual(Array(9).fill(200));
    // The first request teaches the limit; the other eight go a quarter second apart.
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(5000);
  });

  // Last: the provider's "wait 3 s" holds every request of this process back for that long.
  it('puts the mail back for later when the wait would pass the deadline', async () => {
    await queueVerifyEmails(1);
    fake.setBehaviour({ mode: 'status', status: 429, headers: { 'retry-after': '3' }, count: 1 });
    const started = Date.now();
    expect(await drainOutbox({ deadline: Date.now() + 1500 })).toMatchObject({ sent: 0, postponed: 1 });
    expect(Date.now() - started).toBeLessThan(1500);
    const [row] = await outboxRows();
    expect(row).toMatchObject({ status: 'pending', attempts: 0 });
    expect(row.lastError).toMatch(/429/);
    expect(row.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(2000);
  });
});
