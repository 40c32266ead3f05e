import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { ConsentChannel } from './schema';
import { getDb, queryRows } from './index';

// The marketing audience: who may be sent marketing today, per channel. Only active accounts with
// consent in force on that channel appear (dormancy and withdrawal end consent; so does the person).

export type AudienceRow = { userId: string; address: string; consentedAt: string; confirmedAt: string | null };

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const channels: Record<ConsentChannel, { address: SQL; consent: string; confirmed: string }> = {
  email: { address: sql.raw('u.email'), consent: 'u.marketing_email_consent_at', confirmed: 'u.marketing_email_confirmed_at' },
  sms: { address: sql.raw('u.phone'), consent: 'u.marketing_sms_consent_at', confirmed: 'u.marketing_sms_confirmed_at' },
};

function inAudience(channel: ConsentChannel): SQL {
  const { address, consent } = channels[channel];
  // An address nobody proved is not an audience: a stranger may have typed it at sign-up.
  const proven = channel === 'email' ? sql`and u.email_verified_at is not null` : sql``;
  return sql`u.status = 'active' and ${sql.raw(consent)} is not null and ${address} is not null ${proven}`;
}

/** One keyset chunk of a channel's audience, in account id order, after `after`. */
export async function listMarketingAudience(channel: ConsentChannel, input: { after?: string; limit: number }): Promise<AudienceRow[]> {
  const { address, consent, confirmed } = channels[channel];
  const after = input.after ? sql`and u.id > ${input.after}::uuid` : sql``;
  const rows = await queryRows<{ user_id: string; address: string; consented_at: string; confirmed_at: string | null }>(
    await getDb(),
    sql`select u.id as user_id, ${address} as address, ${iso(consent)} as consented_at, ${iso(confirmed)} as confirmed_at
        from users u where ${inAudience(channel)} ${after}
        order by u.id limit ${input.limit}`,
  );
  return rows.map((row) => ({ userId: row.user_id, address: row.address, consentedAt: row.consented_at, confirmedAt: row.confirmed_at }));
}

export async function countMarketingAudience(): Promise<Record<ConsentChannel, number>> {
  const [row] = await queryRows<{ email: number | string; sms: number | string }>(
    await getDb(),
    sql`select count(*) filter (where ${inAudience('email')}) as email, count(*) filter (where ${inAudience('sms')}) as sms from users u`,
  );
  return { email: Number(row?.email ?? 0), sms: Number(row?.sms ?? 0) };
}
