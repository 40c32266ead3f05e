import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, queryRows } from './index';
import type { Locale, OutboxChannel } from './schema';

/** An outbox row taken for delivery (status now 'sending'). */
export type ClaimedMail = {
  id: string;
  channel: OutboxChannel;
  toAddress: string;
  template: string;
  props: Record<string, unknown> | null;
  locale: Locale;
  timeZone: string | null;
  attempts: number;
  idempotencyKey: string;
  createdAt: Date;
};

type ClaimedRow = {
  id: string;
  channel: OutboxChannel;
  to_address: string;
  template: string;
  props: Record<string, unknown> | string | null;
  locale: Locale;
  time_zone: string | null;
  attempts: number;
  idempotency_key: string;
  created_at: string | Date;
};

const list = (values: readonly string[]): SQL => sql.join(values.map((value) => sql`${value}`), sql`, `);
const at = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;

/**
 * Takes due mail for delivery: pending rows whose time has come and rows left in 'sending' since
 * before `stuckBefore` (a crashed drain). Rows are locked with SKIP LOCKED, so concurrent drains
 * never take the same row. Rows that already went out together keep their idempotency key and are
 * taken with their whole group; mail taken for the first time gets `keyFor(their ids)`, and each SMS
 * a key of its own (`sms-<id>`): SMS go one by one.
 */
export async function claimDueMail(options: {
  /**
   * The clock that decides what is due. Without one, the database's own clock: rows get their
   * next_attempt_at from it when enqueued, and comparing them with the app's clock (milliseconds,
   * perhaps a hair behind) could leave a mail enqueued a moment ago undelivered.
   */
  now?: Date;
  stuckBefore: Date;
  limit: number;
  keyFor: (ids: string[]) => string;
}): Promise<ClaimedMail[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const due = await queryRows<{ id: string; channel: OutboxChannel; idempotency_key: string | null }>(
      tx,
      sql`select id, channel, idempotency_key from mail_outbox
          where status in ('pending', 'sending') and next_attempt_at <= ${options.now ? at(options.now) : sql`clock_timestamp()`}
            and (status = 'pending' or claimed_at <= ${at(options.stuckBefore)})
          order by next_attempt_at, id
          limit ${options.limit}
          for update skip locked`,
    );
    if (!due.length) return [];
    const ids = due.map((row) => row.id);
    const keys = [...new Set(due.flatMap((row) => (row.idempotency_key ? [row.idempotency_key] : [])))];
    if (keys.length) {
      const rest = await queryRows<{ id: string }>(
        tx,
        sql`select id from mail_outbox
            where idempotency_key in (${list(keys)}) and status in ('pending', 'sending') and id not in (${list(ids)})
            for update skip locked`,
      );
      ids.push(...rest.map((row) => row.id));
    }
    const fresh = due.filter((row) => !row.idempotency_key && row.channel === 'email').map((row) => row.id);
    const freshKey = fresh.length ? options.keyFor(fresh) : null;
    const rows = await queryRows<ClaimedRow>(
      tx,
      sql`update mail_outbox
          set status = 'sending', claimed_at = ${at(options.now ?? new Date())}, attempts = attempts + 1,
              idempotency_key = coalesce(idempotency_key, case when channel = 'sms' then 'sms-' || id::text else ${freshKey} end)
          where id in (${list(ids)})
          returning id, channel, to_address, template, props, locale, time_zone, attempts, idempotency_key, created_at`,
    );
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      toAddress: row.to_address,
      template: row.template,
      props: typeof row.props === 'string' ? (JSON.parse(row.props) as Record<string, unknown>) : row.props,
      locale: row.locale,
      timeZone: row.time_zone,
      attempts: Number(row.attempts),
      idempotencyKey: row.idempotency_key,
      createdAt: new Date(row.created_at),
    }));
  });
}

/** Marks mail delivered and drops its props: links in them carry live tokens. */
export async function markMailSent(sent: { id: string; providerId: string }[], now: Date): Promise<void> {
  if (!sent.length) return;
  const db = await getDb();
  const values = sql.join(
    sent.map((row) => sql`(${row.id}::uuid, ${row.providerId})`),
    sql`, `,
  );
  await db.execute(sql`update mail_outbox as m
      set status = 'sent', sent_at = ${at(now)}, provider_id = v.provider_id, props = null, last_error = null, claimed_at = null
      from (values ${values}) as v(id, provider_id)
      where m.id = v.id and m.status = 'sending'`);
}

/** Puts mail back for another attempt at `nextAttemptAt`, or marks it failed once it has had `maxAttempts`. */
export async function retryMailLater(ids: string[], options: { nextAttemptAt: Date; error: string; maxAttempts: number }): Promise<number> {
  if (!ids.length) return 0;
  const db = await getDb();
  const rows = await queryRows<{ status: string }>(
    db,
    sql`update mail_outbox
        set status = case when attempts >= ${options.maxAttempts} then 'failed' else 'pending' end,
            next_attempt_at = ${at(options.nextAttemptAt)}, last_error = ${options.error}, claimed_at = null
        where id in (${list(ids)}) and status = 'sending'
        returning status`,
  );
  return rows.filter((row) => row.status === 'failed').length;
}

/** Puts mail back without counting the attempt: the provider asked us to wait (429). */
export async function postponeMail(ids: string[], options: { nextAttemptAt: Date; error: string }): Promise<void> {
  if (!ids.length) return;
  const db = await getDb();
  await db.execute(sql`update mail_outbox
      set status = 'pending', attempts = greatest(attempts - 1, 0), next_attempt_at = ${at(options.nextAttemptAt)},
          last_error = ${options.error}, claimed_at = null
      where id in (${list(ids)}) and status = 'sending'`);
}

/** Gives up on mail that can never be sent as it is (rejected by the provider, unknown template). */
export async function failMail(ids: string[], error: string): Promise<void> {
  if (!ids.length) return;
  const db = await getDb();
  await db.execute(sql`update mail_outbox set status = 'failed', last_error = ${error}, claimed_at = null
      where id in (${list(ids)}) and status = 'sending'`);
}

/** Gives each mail its own idempotency key, before a rejected batch is retried one mail at a time. */
export async function rekeyMail(keys: { id: string; idempotencyKey: string }[]): Promise<void> {
  if (!keys.length) return;
  const db = await getDb();
  const values = sql.join(
    keys.map((row) => sql`(${row.id}::uuid, ${row.idempotencyKey})`),
    sql`, `,
  );
  await db.execute(sql`update mail_outbox as m set idempotency_key = v.key
      from (values ${values}) as v(id, key) where m.id = v.id`);
}

