import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { consentEndedOnDormancy } from './consent-queries';
import { queryRows, type Queryable } from './index';

// The retention sweep's SQL. Every function handles one batch in one statement: the rows are picked
// (ordered, limited, locked with SKIP LOCKED), changed, and their mail enqueued together, so a batch
// either happens whole or not at all. Each picks only rows that still need the change, which makes
// every function safe to repeat: a second call finds nothing left to do.

/** What every mail-sending batch needs to know. */
export type MailSettings = { appUrl: string; defaultLocale: string; operatorName: string };

/** Where a keyset walk stopped: the sort key and id of the last row handled. */
export type SweepCursor = { key: string; id?: string };

export type BatchResult = { count: number; cursor: SweepCursor | null };

/**
 * HMAC-SHA-256 as Postgres can compute it without pgcrypto (PGlite has no pgcrypto by default):
 * H((K ^ opad) || H((K ^ ipad) || message)), with the two padded keys prepared by the caller.
 */
export type HmacKeys = { innerHex: string; outerHex: string };

export function hmacHex(keys: HmacKeys, value: SQL): SQL {
  return sql`encode(sha256(decode(${keys.outerHex}, 'hex') || sha256(decode(${keys.innerHex}, 'hex') || convert_to(${value}, 'UTF8'))), 'hex')`;
}

/** ISO 8601 in UTC with milliseconds, the shape `new Date().toISOString()` gives. */
export function isoUtc(value: SQL): SQL {
  return sql`to_char((${value}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A timestamp as a stable text key (microseconds kept), for dedupe keys and cursors. */
export function exactKey(value: SQL): SQL {
  return sql`to_char((${value}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

const lastActivity = sql`coalesce(u.last_login_at, u.created_at)`;

/** Continues a walk of active accounts in (last activity, id) order after the cursor. */
function afterActivityCursor(after: SweepCursor | null): SQL {
  return after?.id ? sql`and (${lastActivity}, u.id) > (${after.key}::timestamptz, ${after.id}::uuid)` : sql``;
}

/** What a `picked` CTE holds for mailedCte: who, at which address, in which language and time zone. */
export const recipientColumns = sql`u.id, u.email, u.name, u.locale, u.time_zone`;

/** The end of a `picked` CTE: rows in `order`, at most `batchSize`, locked, skipping rows another sweep holds. */
export function lockedBatch(order: SQL, batchSize: number): SQL {
  return sql`order by ${order}
        limit ${batchSize}
        for update of u skip locked`;
}

/**
 * A `mailed` CTE: one outbox row per row of `from` (the picked rows, `p`, with email, locale and
 * time_zone), in the person's language or the default, kept once per dedupe key.
 */
export function mailedCte(input: { template: string; props: SQL; dedupeKey: SQL; defaultLocale: string; from?: SQL }): SQL {
  return sql`mailed as (
        insert into mail_outbox (to_address, template, props, locale, time_zone, dedupe_key)
        select p.email, ${input.template}::text, ${input.props},
          coalesce(p.locale, ${input.defaultLocale}),
          p.time_zone,
          ${input.dedupeKey}
        from ${input.from ?? sql`picked p`}
        on conflict (dedupe_key) do nothing
      )`;
}

/** The head of a warning batch's `picked`: active accounts (admins aside) with an address, inactive since `warnCutoff`. */
function inactiveSince(warnCutoff: Date): SQL {
  return sql`select ${recipientColumns}, ${lastActivity} as last_active
        from users u
        where u.status = 'active' and u.role <> 'admin' and u.email is not null
          and ${lastActivity} <= ${warnCutoff.toISOString()}::timestamptz`;
}

/** The end of a walk in (last activity, id) order: how many rows `marked` changed and where the walk stopped. */
const markedAndCursor = sql`last as (select id, last_active from picked order by last_active desc, id desc limit 1)
      select (select count(*) from marked) as count,
        (select ${exactKey(sql`last_active`)} from last) as last_key,
        (select id::text from last) as last_id`;

async function walkBatch(q: Queryable, query: SQL): Promise<BatchResult> {
  const rows = await queryRows<{ count: number | string; last_key: string | null; last_id: string | null }>(q, query);
  const row = rows[0];
  return { count: Number(row?.count ?? 0), cursor: row?.last_key && row.last_id ? { key: row.last_key, id: row.last_id } : null };
}

export async function countOf(q: Queryable, query: SQL): Promise<number> {
  const rows = await queryRows<{ count: number | string }>(q, query);
  return Number(rows[0]?.count ?? 0);
}

/**
 * Dormancy warning: active accounts whose last activity lies between the two cutoffs and that have
 * not been warned for this inactivity period. Walks the window in (last activity, id) order.
 */
export async function warnDormancyBatch(
  q: Queryable,
  input: MailSettings & {
    warnCutoff: Date;
    dormancyCutoff: Date;
    dormancyDays: number;
    batchSize: number;
    after: SweepCursor | null;
  },
): Promise<BatchResult> {
  const after = afterActivityCursor(input.after);
  return walkBatch(
    q,
    sql`
      with picked as (
        ${inactiveSince(input.warnCutoff)}
          and ${lastActivity} > ${input.dormancyCutoff.toISOString()}::timestamptz
          and u.dormancy_warned_at is distinct from ${lastActivity}
          ${after}
        ${lockedBatch(sql`${lastActivity}, u.id`, input.batchSize)}
      ),
      marked as (
        update users u set dormancy_warned_at = p.last_active from picked p where u.id = p.id returning u.id
      ),
      ${mailedCte({
        template: 'dormancy-warning',
        props: sql`jsonb_build_object(
            'name', p.name,
            'dormancyDate', ${isoUtc(sql`p.last_active + make_interval(days => ${input.dormancyDays}::int)`)},
            'loginUrl', ${`${input.appUrl}/login`}::text)`,
        dedupeKey: sql`'dormancy-warning/' || p.id || '/' || ${exactKey(sql`p.last_active`)}`,
        defaultLocale: input.defaultLocale,
      })},
      ${markedAndCursor}
    `,
  );
}

/**
 * Warning before deletion for inactivity (INACTIVITY_POLICY=delete): active accounts inactive since
 * the warn cutoff and not warned since their last activity. The deletion date in the mail is the end
 * of the period, or noticeDays from now when the warning comes late (missed runs, a policy just
 * turned on): deleteExpiredAccountsBatch('inactive') waits that long after the warning.
 */
export async function warnInactivityDeletionBatch(
  q: Queryable,
  input: MailSettings & { now: Date; warnCutoff: Date; deleteDays: number; noticeDays: number; batchSize: number; after: SweepCursor | null },
): Promise<BatchResult> {
  const after = afterActivityCursor(input.after);
  const now = sql`${input.now.toISOString()}::timestamptz`;
  return walkBatch(
    q,
    sql`
      with picked as (
        ${inactiveSince(input.warnCutoff)}
          and (u.inactivity_warning_sent_at is null or u.inactivity_warning_sent_at <= ${lastActivity})
          ${after}
        ${lockedBatch(sql`${lastActivity}, u.id`, input.batchSize)}
      ),
      marked as (
        update users u set inactivity_warning_sent_at = ${now} from picked p where u.id = p.id returning u.id
      ),
      ${mailedCte({
        template: 'inactivity-deletion-warning',
        props: sql`jsonb_build_object(
            'name', p.name,
            'deletionDate', ${isoUtc(sql`greatest(p.last_active + make_interval(days => ${input.deleteDays}::int), ${now} + make_interval(days => ${input.noticeDays}::int))`)},
            'loginUrl', ${`${input.appUrl}/login`}::text)`,
        dedupeKey: sql`'inactivity-deletion-warning/' || p.id || '/' || ${exactKey(sql`p.last_active`)}`,
        defaultLocale: input.defaultLocale,
      })},
      ${markedAndCursor}
    `,
  );
}

/**
 * Dormancy: moves the personal data of long-inactive active accounts to dormant_accounts, clears it
 * in users, ends their sessions and their marketing consent (data restored from dormancy may be used
 * only for the original purpose: marketing needs fresh consent), drops their pending tokens, and
 * enqueues the dormant notice (telling the consent that ended) to the address while it is still known.
 */
export async function makeDormantBatch(
  q: Queryable,
  input: MailSettings & { now: Date; dormancyCutoff: Date; purgeDate: Date; batchSize: number },
): Promise<number> {
  const now = input.now.toISOString();
  return countOf(
    q,
    sql`
      with picked as (
        select u.id, u.email, u.name, u.phone, u.phone_verified_at, u.password_hash, u.locale, u.time_zone, ${lastActivity} as last_active,
          u.marketing_email_consent_at is not null as email_consent, u.marketing_sms_consent_at is not null as sms_consent
        from users u
        where u.status = 'active' and u.role <> 'admin' and u.email is not null
          and ${lastActivity} <= ${input.dormancyCutoff.toISOString()}::timestamptz
          and not exists (select 1 from dormant_accounts d where d.email = u.email and d.user_id <> u.id)
        ${lockedBatch(sql`${lastActivity}, u.id`, input.batchSize)}
      ),
      moved as (
        insert into dormant_accounts (user_id, email, name, phone, phone_verified_at, password_hash, moved_at)
        select id, email, name, phone, phone_verified_at, password_hash, ${now}::timestamptz from picked
        on conflict (user_id) do update set email = excluded.email, name = excluded.name, phone = excluded.phone,
          phone_verified_at = excluded.phone_verified_at,
          password_hash = excluded.password_hash, moved_at = excluded.moved_at
      ),
      cleared as (
        update users u
        set email = null, name = null, phone = null, phone_verified_at = null, password_hash = null, status = 'dormant',
          dormant_at = ${now}::timestamptz, session_version = u.session_version + 1,
          marketing_email_consent_at = null, marketing_sms_consent_at = null,
          marketing_email_confirmed_at = null, marketing_sms_confirmed_at = null
        from picked p where u.id = p.id
        returning u.id
      ),
      tokens as (
        delete from auth_tokens t using picked p where t.user_id = p.id
      ),
      ${consentEndedOnDormancy(input.now)},
      ${mailedCte({
        template: 'dormant-notice',
        props: sql`jsonb_build_object(
            'name', p.name,
            'dormantAt', ${now}::text,
            'purgeDate', ${input.purgeDate.toISOString()}::text,
            'loginUrl', ${`${input.appUrl}/login`}::text)
          || case when p.email_consent or p.sms_consent then jsonb_build_object(
            'operatorName', ${input.operatorName}::text,
            'marketingEmail', case when p.email_consent then 'withdrawn' else 'unchanged' end,
            'marketingSms', case when p.sms_consent then 'withdrawn' else 'unchanged' end) else '{}'::jsonb end`,
        dedupeKey: sql`'dormant-notice/' || p.id || '/' || ${exactKey(sql`p.last_active`)}`,
        defaultLocale: input.defaultLocale,
      })}
      select count(*) as count from cleared
    `,
  );
}

export type DeletionKind = 'withdrawn' | 'dormant' | 'inactive';

// Literal column and status per kind, so the planner can use the partial indexes on users; batches
// are ordered by the indexed column alone so the index hands out rows in order, with no sort.
const deletionColumns: Record<DeletionKind, { status: SQL; since: SQL }> = {
  withdrawn: { status: sql.raw(`'withdrawn'`), since: sql.raw('u.withdrawn_at') },
  dormant: { status: sql.raw(`'dormant'`), since: sql.raw('u.dormant_at') },
  inactive: { status: sql.raw(`'active'`), since: lastActivity },
};

/**
 * The end of every deletion batch, after a `picked` CTE of locked users: their login events keep only
 * a keyed hash of the address, the users are deleted (the schema's foreign keys take or detach what
 * references them), and the number deleted is the statement's result.
 */
function purgePicked(hmac: HmacKeys): SQL {
  return sql`pseudonymised as (
        update login_events e set email = ${hmacHex(hmac, sql`e.email`)}
        from picked p where e.user_id = p.id and e.email is not null
      ),
      deleted as (
        delete from users u using picked p where u.id = p.id returning u.id
      )
      select count(*) as count from deleted`;
}

/**
 * Deletes withdrawn, dormant or (INACTIVITY_POLICY=delete) inactive accounts whose period has run out: enqueues the account-deleted mail
 * (the address comes from dormant_accounts for dormant accounts), replaces the email in their login
 * events by a keyed hash, and deletes the user; tokens, dormant data and provider links cascade,
 * login events keep their rows with user_id NULL.
 */
export async function deleteExpiredAccountsBatch(
  q: Queryable,
  input: { kind: DeletionKind; cutoff: Date; now: Date; batchSize: number; hmac: HmacKeys; defaultLocale: string; warnedBefore?: Date },
): Promise<number> {
  const { status, since } = deletionColumns[input.kind];
  // An inactive account goes only after its warning for this period has had its notice time.
  const warned =
    input.kind === 'inactive'
      ? sql`and u.email is not null and u.inactivity_warning_sent_at > ${lastActivity}
          and u.inactivity_warning_sent_at <= ${(input.warnedBefore ?? input.now).toISOString()}::timestamptz`
      : sql``;
  return countOf(
    q,
    sql`
      with picked as (
        select ${recipientColumns}
        from users u
        where u.status = ${status} and u.role <> 'admin' and ${since} <= ${input.cutoff.toISOString()}::timestamptz
          ${warned}
        ${lockedBatch(since, input.batchSize)}
      ),
      addressed as (
        select p.id, coalesce(d.email, p.email) as email, coalesce(d.name, p.name) as name, p.locale, p.time_zone
        from picked p left join dormant_accounts d on d.user_id = p.id
      ),
      ${mailedCte({
        template: 'account-deleted',
        props: sql`jsonb_build_object('name', p.name, 'deletedAt', ${input.now.toISOString()}::text)`,
        dedupeKey: sql`'account-deleted/' || p.id`,
        defaultLocale: input.defaultLocale,
        from: sql`addressed p where p.email is not null`,
      })},
      ${purgePicked(input.hmac)}
    `,
  );
}

/**
 * Deletes sign-ups that never verified their address (no mail: the address was never proven).
 * Accounts linked to a sign-in provider are left alone: the provider vouched for them.
 */
export async function deleteUnverifiedBatch(
  q: Queryable,
  input: { cutoff: Date; batchSize: number; hmac: HmacKeys },
): Promise<number> {
  return countOf(
    q,
    sql`
      with picked as (
        select u.id from users u
        where u.email_verified_at is null and u.status = 'active' and u.role <> 'admin'
          and u.created_at <= ${input.cutoff.toISOString()}::timestamptz
          and not exists (select 1 from accounts a where a.user_id = u.id)
        ${lockedBatch(sql`u.created_at`, input.batchSize)}
      ),
      ${purgePicked(input.hmac)}
    `,
  );
}

/** Marks passwords older than the maximum age expired and enqueues one mail per password. */
export async function expirePasswordsBatch(
  q: Queryable,
  input: MailSettings & { cutoff: Date; maxAgeDays: number; batchSize: number },
): Promise<number> {
  const changed = sql`coalesce(u.password_changed_at, u.created_at)`;
  return countOf(
    q,
    sql`
      with picked as (
        select ${recipientColumns}, ${changed} as changed_at
        from users u
        where u.status = 'active' and u.password_expired = false and u.password_hash is not null
          and u.role <> 'admin' and ${changed} <= ${input.cutoff.toISOString()}::timestamptz
        ${lockedBatch(changed, input.batchSize)}
      ),
      marked as (
        update users u set password_expired = true from picked p where u.id = p.id returning u.id
      ),
      ${mailedCte({
        template: 'password-expired',
        props: sql`jsonb_build_object('name', p.name, 'maxAgeDays', ${input.maxAgeDays}::int, 'changeUrl', ${`${input.appUrl}/account/password`}::text)`,
        dedupeKey: sql`'password-expired/' || p.id || '/' || ${exactKey(sql`p.changed_at`)}`,
        defaultLocale: input.defaultLocale,
        from: sql`picked p where p.email is not null`,
      })}
      select count(*) as count from marked
    `,
  );
}

export type PurgeTarget = 'authTokens' | 'loginEvents' | 'rateLimitHits' | 'adminAudit' | 'sentMail' | 'sessions' | 'phoneCodes' | 'webauthnChallenges';

// Each purge walks one indexed time column upwards: a batch deletes the oldest matching rows from
// the cursor on, by ctid (no second index lookup), and the next batch starts where it ended, so a
// run never rescans what it already deleted.
// `order` must match the index exactly, NULLS placement included: the log indexes are
// (created_at DESC NULLS LAST), which a backward scan reads as ASC NULLS FIRST.
const purges: Record<PurgeTarget, { table: SQL; where: (cutoff: string) => SQL; column: SQL; order: SQL }> = {
  authTokens: {
    table: sql.raw('auth_tokens'),
    where: (cutoff) => sql`(used_at is not null or expires_at <= ${cutoff}::timestamptz)`,
    column: sql.raw('expires_at'),
    order: sql.raw('expires_at'),
  },
  loginEvents: {
    table: sql.raw('login_events'),
    where: (cutoff) => sql`created_at < ${cutoff}::timestamptz`,
    column: sql.raw('created_at'),
    order: sql.raw('created_at asc nulls first'),
  },
  rateLimitHits: {
    table: sql.raw('rate_limit_hits'),
    where: (cutoff) => sql`created_at < ${cutoff}::timestamptz`,
    column: sql.raw('created_at'),
    order: sql.raw('created_at'),
  },
  adminAudit: {
    table: sql.raw('admin_audit'),
    where: (cutoff) => sql`created_at < ${cutoff}::timestamptz`,
    column: sql.raw('created_at'),
    order: sql.raw('created_at asc nulls first'),
  },
  // Phone codes are also the record of verification attempts (taken numbers included): kept as long as the login log.
  phoneCodes: {
    table: sql.raw('phone_codes'),
    where: (cutoff) => sql`expires_at < ${cutoff}::timestamptz`,
    column: sql.raw('expires_at'),
    order: sql.raw('expires_at'),
  },
  sentMail: {
    table: sql.raw('mail_outbox'),
    // sent_at is never before created_at, so the created_at bound only lets the status index narrow the scan.
    where: (cutoff) => sql`status = 'sent' and created_at < ${cutoff}::timestamptz and sent_at < ${cutoff}::timestamptz`,
    column: sql.raw('created_at'),
    order: sql.raw('created_at'),
  },
  webauthnChallenges: {
    table: sql.raw('webauthn_challenges'),
    where: (cutoff) => sql`(used_at is not null or expires_at <= ${cutoff}::timestamptz)`,
    column: sql.raw('expires_at'),
    order: sql.raw('expires_at'),
  },
  sessions: {
    table: sql.raw('sessions'),
    where: (cutoff) => sql`last_seen_at < ${cutoff}::timestamptz`,
    column: sql.raw('last_seen_at'),
    order: sql.raw('last_seen_at'),
  },
};

/** Deletes up to batchSize of the oldest rows of one purge target past the cutoff, from the cursor on. */
export async function purgeBatch(
  q: Queryable,
  input: { target: PurgeTarget; cutoff: Date; batchSize: number; after: SweepCursor | null },
): Promise<BatchResult> {
  const { table, where, column, order } = purges[input.target];
  // >= keeps rows that share the last deleted row's timestamp; those already deleted are gone.
  const from = input.after ? sql`and ${column} >= ${input.after.key}::timestamptz` : sql``;
  const rows = await queryRows<{ count: number | string; last_key: string | null }>(
    q,
    sql`
      with deleted as (
        delete from ${table} where ctid = any(array(
          select ctid from ${table} where ${where(input.cutoff.toISOString())} ${from} order by ${order} limit ${input.batchSize}
        ))
        returning ${column} as at
      )
      select count(*) as count, ${exactKey(sql`max(at)`)} as last_key from deleted
    `,
  );
  const row = rows[0];
  return { count: Number(row?.count ?? 0), cursor: row?.last_key ? { key: row.last_key } : null };
}
