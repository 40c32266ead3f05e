import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { ConsentChannel } from './schema';
import type { Queryable } from './index';
import { countOf, exactKey, hmacHex, isoUtc, lockedBatch, mailedCte, recipientColumns, type HmacKeys, type MailSettings } from './retention-queries';

// Marketing consent in the sweep's set-based SQL: the bulk counterpart of
// lib/consent/change-marketing-consent.ts, which owns every change made for one person.

const columns: Record<ConsentChannel, { consent: SQL; confirmed: SQL }> = {
  email: { consent: sql.raw('marketing_email_consent_at'), confirmed: sql.raw('marketing_email_confirmed_at') },
  sms: { consent: sql.raw('marketing_sms_consent_at'), confirmed: sql.raw('marketing_sms_confirmed_at') },
};

/**
 * A CTE for makeDormantBatch: one consent event per consent that ends because the account turns
 * dormant. Needs `picked` with `id`, `email_consent` and `sms_consent`.
 */
export function consentEndedOnDormancy(now: Date): SQL {
  return sql`consent_ended as (
        insert into consent_events (user_id, channel, granted, source, created_at)
        select p.id, c.channel, false, 'dormancy', ${now.toISOString()}::timestamptz
        from picked p cross join lateral (values ('email', p.email_consent), ('sms', p.sms_consent)) as c(channel, held)
        where c.held
      )`;
}

/**
 * The two-year reconfirmation (정보통신망법 시행령 제62조의3) of one channel: consents in force whose
 * last confirmation is at or before the cutoff get one notice with signed Keep / Stop links, a
 * consent event, and a new confirmation time (now), which is also the links' period. Repeating the
 * batch finds nothing: the renewed rows are no longer before the cutoff.
 */
export async function reconfirmConsentBatch(
  q: Queryable,
  input: MailSettings & { channel: ConsentChannel; cutoff: Date; now: Date; validUntil: Date; batchSize: number; linkKeys: HmacKeys },
): Promise<number> {
  const { consent, confirmed } = columns[input.channel];
  const now = input.now.toISOString();
  // Must equal consentLinkMessage in lib/consent/consent-link.ts.
  const message = (action: 'keep' | 'stop') => sql`${`${action}.`}::text || p.id::text || ${`.${input.channel}.${input.now.getTime()}`}::text`;
  const link = (action: 'keep' | 'stop') =>
    sql`${`${input.appUrl}/consent?token=`}::text || ${message(action)} || '.' || ${hmacHex(input.linkKeys, message(action))}`;
  return countOf(
    q,
    sql`
      with picked as (
        select ${recipientColumns}, u.${consent} as consented_at, u.${confirmed} as confirmed_at
        from users u
        where u.${consent} is not null and u.status = 'active' and u.email is not null
          and u.${confirmed} <= ${input.cutoff.toISOString()}::timestamptz
        ${lockedBatch(sql`u.${confirmed}, u.id`, input.batchSize)}
      ),
      renewed as (
        update users u set ${confirmed} = ${now}::timestamptz from picked p where u.id = p.id returning u.id
      ),
      recorded as (
        insert into consent_events (user_id, channel, granted, source, created_at)
        select p.id, ${input.channel}, true, 'reconfirmation', ${now}::timestamptz from picked p
      ),
      ${mailedCte({
        template: 'consent-reconfirm',
        props: sql`jsonb_build_object(
            'name', p.name,
            'operatorName', ${input.operatorName}::text,
            'channel', ${input.channel}::text,
            'consentedAt', ${isoUtc(sql`p.consented_at`)},
            'validUntil', ${input.validUntil.toISOString()}::text,
            'keepUrl', ${link('keep')},
            'stopUrl', ${link('stop')})`,
        dedupeKey: sql`'consent-reconfirm/' || p.id || '/' || ${input.channel}::text || '/' || ${exactKey(sql`p.confirmed_at`)}`,
        defaultLocale: input.defaultLocale,
      })}
      select count(*) as count from renewed
    `,
  );
}

/**
 * The yearly notice of use (개인정보 보호법 제20조의2): active accounts whose last notice (or sign-up)
 * is at or before the cutoff get the notice, and the time it went out.
 */
export async function privacyUsageNoticeBatch(
  q: Queryable,
  input: MailSettings & { cutoff: Date; now: Date; batchSize: number; settings: Record<string, number> },
): Promise<number> {
  const since = sql`coalesce(u.privacy_notice_sent_at, u.created_at)`;
  return countOf(
    q,
    sql`
      with picked as (
        select ${recipientColumns}, ${since} as since
        from users u
        where u.status = 'active' and u.email is not null and u.email_verified_at is not null
          and ${since} <= ${input.cutoff.toISOString()}::timestamptz
        ${lockedBatch(sql`${since}, u.id`, input.batchSize)}
      ),
      marked as (
        update users u set privacy_notice_sent_at = ${input.now.toISOString()}::timestamptz from picked p where u.id = p.id returning u.id
      ),
      ${mailedCte({
        template: 'privacy-usage-notice',
        props: sql`jsonb_build_object(
            'name', p.name,
            'operatorName', ${input.operatorName}::text,
            'pageUrl', ${`${input.appUrl}/account/privacy`}::text,
            'settings', ${JSON.stringify(input.settings)}::jsonb)`,
        dedupeKey: sql`'privacy-usage-notice/' || p.id || '/' || ${exactKey(sql`p.since`)}`,
        defaultLocale: input.defaultLocale,
      })}
      select count(*) as count from marked
    `,
  );
}
