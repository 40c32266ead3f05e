import 'server-only';
import { createHash } from 'node:crypto';
import { claimDueMail, failMail, markMailSent, postponeMail, rekeyMail, retryMailLater, type ClaimedMail } from '@/db/mail-outbox';
import { config } from '@/lib/config';
import { isLocale } from '@/lib/i18n/locale';
import { sendOutboxSms } from '@/lib/sms/send-outbox-sms';
import { renderMail } from './render-mail';
import { mailTemplates, type MailProps, type MailTemplate } from './templates';
import { getMailTransport, type OutgoingMessage } from './transport';

export type DrainResult = { sent: number; retried: number; postponed: number; failed: number; requests: number };

const MINUTE = 60_000;
/** Waits after the 1st, 2nd, … failed attempt (5xx, network); the last one repeats. */
export const RETRY_DELAYS_MS = [1 * MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 720 * MINUTE];
/** The same for SMS: a code lives minutes (PHONE_CODE_TTL_MINUTES), so its retries come sooner. */
export const SMS_RETRY_DELAYS_MS = [10_000, 30_000, 1 * MINUTE, 2 * MINUTE, 5 * MINUTE];

export function retryDelayMs(attempts: number, delays: readonly number[] = RETRY_DELAYS_MS): number {
  return delays[Math.min(Math.max(attempts, 1), delays.length) - 1];
}

/** The Idempotency-Key of one mail's single send. */
export function singleMailKey(id: string): string {
  return `mail-${id}`;
}

/** The Idempotency-Key of a batch: from its sorted ids, so the same batch always carries the same key. */
export function batchMailKey(ids: string[]): string {
  if (ids.length === 1) return singleMailKey(ids[0]);
  return `mail-batch-${createHash('sha256').update([...ids].sort().join(',')).digest('hex')}`;
}

/**
 * Delivers due mail and SMS (one outbox, one loop) until none is left or the deadline passes:
 * claims up to MAIL_BATCH_SIZE rows at a time, sends the mail as one Resend batch (one mail: a
 * single send) and each SMS on its own, and records the outcome.
 * `now` is the outbox clock (tests move it); waits for rate limits use the real clock and stop
 * at `deadline` (epoch ms, default MAIL_DRAIN_TIME_BUDGET_MS from now).
 */
export async function drainOutbox(options: { now?: Date; deadline?: number; batchSize?: number } = {}): Promise<DrainResult> {
  const deadline = options.deadline ?? Date.now() + config.MAIL_DRAIN_TIME_BUDGET_MS;
  const limit = Math.min(options.batchSize ?? config.MAIL_BATCH_SIZE, 100);
  const clock = () => options.now ?? new Date();
  const result: DrainResult = { sent: 0, retried: 0, postponed: 0, failed: 0, requests: 0 };

  while (Date.now() < deadline) {
    const now = clock();
    const claimed = await claimDueMail({
      now: options.now,
      stuckBefore: new Date(now.getTime() - config.MAIL_STUCK_MINUTES * MINUTE),
      limit,
      keyFor: batchMailKey,
    });
    if (!claimed.length) break;
    let stop = false;
    for (const group of groupByKey(claimed)) {
      if (stop || Date.now() >= deadline) {
        await postponeMail(ids(group), { nextAttemptAt: clock(), error: 'drain deadline reached' });
        result.postponed += group.length;
        continue;
      }
      stop = (await deliverGroup(group, { deadline, clock, result })) === 'stop';
    }
    if (stop) break;
  }
  return result;
}

type GroupContext = { deadline: number; clock: () => Date; result: DrainResult };

async function deliverGroup(group: ClaimedMail[], context: GroupContext): Promise<'go-on' | 'stop'> {
  const { result, clock } = context;
  if (group[0].channel === 'sms') return deliverSmsRow(group[0], context);
  const ready: { row: ClaimedMail; message: OutgoingMessage }[] = [];
  for (const row of group) {
    const message = await renderRow(row);
    if (typeof message === 'string') {
      await failMail([row.id], message);
      result.failed += 1;
    } else {
      ready.push({ row, message });
    }
  }
  if (!ready.length) return 'go-on';
  const rows = ready.map((item) => item.row);

  result.requests += 1;
  const outcome = await getMailTransport().send(
    ready.map((item) => item.message),
    { idempotencyKey: rows[0].idempotencyKey, deadline: context.deadline },
  );

  switch (outcome.status) {
    case 'sent':
      await markMailSent(
        rows.map((row, index) => ({ id: row.id, providerId: outcome.providerIds[index] ?? '' })),
        clock(),
      );
      result.sent += rows.length;
      return 'go-on';
    case 'rate-limited':
      await postponeMail(ids(rows), { nextAttemptAt: new Date(clock().getTime() + outcome.retryAfterMs), error: outcome.error });
      result.postponed += rows.length;
      return 'stop';
    case 'retry': {
      const attempts = Math.max(...rows.map((row) => row.attempts));
      const failed = await retryMailLater(ids(rows), {
        nextAttemptAt: new Date(clock().getTime() + retryDelayMs(attempts)),
        error: outcome.error,
        maxAttempts: config.MAIL_MAX_ATTEMPTS,
      });
      result.failed += failed;
      result.retried += rows.length - failed;
      return 'go-on';
    }
    case 'rejected':
      if (rows.length === 1) {
        await failMail(ids(rows), outcome.error);
        result.failed += 1;
        return 'go-on';
      }
      // A batch is rejected whole for one bad mail: send them one by one, each under its own key.
      await rekeyMail(rows.map((row) => ({ id: row.id, idempotencyKey: singleMailKey(row.id) })));
      for (const row of rows) {
        if ((await deliverGroup([{ ...row, idempotencyKey: singleMailKey(row.id) }], context)) === 'stop') return 'stop';
      }
      return 'go-on';
  }
}

// Each SMS is a group of its own (key `sms-<id>`), sent through the SMS transport, with the same
// retry schedule and attempt limit as mail.
async function deliverSmsRow(row: ClaimedMail, { clock, result }: GroupContext): Promise<'go-on'> {
  result.requests += 1;
  const outcome = await sendOutboxSms(row, clock());
  if (outcome.status === 'sent') {
    await markMailSent([{ id: row.id, providerId: outcome.providerId }], clock());
    result.sent += 1;
  } else if (outcome.status === 'retry') {
    const failed = await retryMailLater([row.id], {
      nextAttemptAt: new Date(clock().getTime() + retryDelayMs(row.attempts, SMS_RETRY_DELAYS_MS)),
      error: outcome.error,
      maxAttempts: config.MAIL_MAX_ATTEMPTS,
    });
    result.failed += failed;
    result.retried += 1 - failed;
  } else {
    await failMail([row.id], outcome.error);
    result.failed += 1;
  }
  return 'go-on';
}

async function renderRow(row: ClaimedMail): Promise<OutgoingMessage | string> {
  if (!isMailTemplate(row.template)) return `unknown template ${row.template}`;
  if (!row.props) return 'no props to render';
  try {
    const rendered = await renderMail(row.template, row.props as MailProps[MailTemplate], isLocale(row.locale) ? row.locale : config.DEFAULT_LOCALE, row.timeZone);
    return { to: row.toAddress, ...rendered };
  } catch (error) {
    return `render failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function isMailTemplate(name: string): name is MailTemplate {
  return (mailTemplates as readonly string[]).includes(name);
}

function groupByKey(rows: ClaimedMail[]): ClaimedMail[][] {
  const groups = new Map<string, ClaimedMail[]>();
  for (const row of rows) groups.set(row.idempotencyKey, [...(groups.get(row.idempotencyKey) ?? []), row]);
  return [...groups.values()];
}

const ids = (rows: ClaimedMail[]) => rows.map((row) => row.id);
