// Without RESEND_API_KEY mail goes to the local mailbox (dev_mailbox), which /dev/mailbox shows.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GET as cronMail } from '@/app/api/cron/mail/route';
import { getDb } from '@/db';
import { enqueueMail } from '@/lib/mail/enqueue';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { readLocalMailbox } from '@/lib/mail/local-mailbox';
import { resetDatabase } from './fixtures/database';
import { outboxRows, queueVerifyEmails } from './fixtures/mail';

const saved = { key: process.env.RESEND_API_KEY, secret: process.env.CRON_SECRET };

beforeAll(() => {
  delete process.env.RESEND_API_KEY;
  process.env.CRON_SECRET = 'test-cron-secret';
});

afterAll(() => {
  if (saved.key !== undefined) process.env.RESEND_API_KEY = saved.key;
  process.env.CRON_SECRET = saved.secret;
});

beforeEach(resetDatabase);

const cronRequest = (authorization?: string) =>
  new Request('http://localhost:3000/api/cron/mail', { headers: authorization ? { authorization } : {} });

describe('local mailbox', () => {
  it('stores mail as sent and shows it with its HTML, text part and links', async () => {
    const db = await getDb();
    await enqueueMail(db, {
      to: 'mina@example.com',
      template: 'reset-password',
      props: { name: '민아', resetUrl: 'http://localhost:3000/reset-password?token=abc&x=1', expiresAt: '2026-03-05T07:00:00.000Z' },
      locale: 'ko',
      dedupeKey: 'reset/mina',
    });
    expect(await drainOutbox()).toMatchObject({ sent: 1 });

    const mailbox = await readLocalMailbox();
    expect(mailbox).toHaveLength(1);
    const [mail] = mailbox!;
    expect(mail).toMatchObject({ to: 'mina@example.com', subject: '[Lifecycle] 비밀번호 재설정 안내' });
    expect(mail.links).toContain('http://localhost:3000/reset-password?token=abc&x=1');
    expect(mail.html).toContain('민아님, 안녕하세요.');
    expect(mail.text).toContain('http://localhost:3000/reset-password?token=abc&x=1');
    expect(mail.text).toContain('2026년 3월 5일 16:00 GMT+9');

    const [row] = await outboxRows();
    expect(row).toMatchObject({ status: 'sent', props: null, providerId: mail.id });
  });

  it('lists the newest mail first', async () => {
    await queueVerifyEmails(1, { prefix: 'first-' });
    await drainOutbox();
    await queueVerifyEmails(1, { prefix: 'second-', to: () => 'second@example.com' });
    await drainOutbox();
    expect((await readLocalMailbox())!.map((mail) => mail.to)).toEqual(['second@example.com', 'user0@example.com']);
  });

  it('does nothing when asked to deliver soon outside a request', async () => {
    await queueVerifyEmails(1);
    expect(() => deliverSoon()).not.toThrow();
    expect((await outboxRows())[0].status).toBe('pending');
  });

  it('drains through the cron route only with the bearer secret', async () => {
    await queueVerifyEmails(2);
    expect((await cronMail(cronRequest())).status).toBe(401);
    expect((await cronMail(cronRequest('Bearer wrong-secret'))).status).toBe(401);
    expect((await cronMail(cronRequest('test-cron-secret'))).status).toBe(401);
    expect((await outboxRows()).map((row) => row.status)).toEqual(['pending', 'pending']);

    const response = await cronMail(cronRequest('Bearer test-cron-secret'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sent: 2, failed: 0 });
    expect(await readLocalMailbox()).toHaveLength(2);
  });
});
