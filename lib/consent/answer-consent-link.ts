import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import { users, type ConsentChannel } from '@/db/schema';
import { config } from '@/lib/config';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { changeMarketingConsent } from './change-marketing-consent';
import { consentLinkKey, parseConsentLink, type ConsentLink, type ConsentLinkAction } from './consent-link';

const DAY_MS = 86_400_000;

export type ConsentLinkCheck = { status: 'valid'; action: ConsentLinkAction; channel: ConsentChannel } | { status: 'invalid' };
export type ConsentLinkAnswer = { status: 'kept' | 'stopped'; channel: ConsentChannel } | { status: 'invalid' };

/**
 * Whether a link from the reconfirmation mail still stands: signed by us, its period not over, and
 * the consent it names still in force with that very confirmation time on an active account.
 */
async function standingLink(q: Queryable, token: string, now: Date, lock: boolean): Promise<ConsentLink | null> {
  const link = parseConsentLink(token, consentLinkKey(config.AUTH_SECRET));
  if (!link || now.getTime() >= link.periodMs + config.MARKETING_CONSENT_RECONFIRM_DAYS * DAY_MS) return null;
  const query = q
    .select({ status: users.status, email: users.marketingEmailConfirmedAt, sms: users.marketingSmsConfirmedAt })
    .from(users)
    .where(eq(users.id, link.userId));
  const [user] = lock ? await query.for('update') : await query;
  return user?.status === 'active' && user[link.channel]?.getTime() === link.periodMs ? link : null;
}

/** For showing the confirmation page: reads only (mail scanners open links; nothing happens on GET). */
export async function checkConsentLink(token: string, now: Date): Promise<ConsentLinkCheck> {
  const link = await standingLink(await getDb(), token, now, false);
  return link ? { status: 'valid', action: link.action, channel: link.channel } : { status: 'invalid' };
}

/** The confirming click: keep renews the consent's confirmation, stop withdraws it; both are mailed. */
export async function answerConsentLink(input: { token: string; ip: string | null; now: Date }): Promise<ConsentLinkAnswer> {
  const db = await getDb();
  const answer = await db.transaction(async (tx): Promise<ConsentLinkAnswer> => {
    const link = await standingLink(tx, input.token, input.now, true);
    if (!link) return { status: 'invalid' };
    await changeMarketingConsent(tx, {
      userId: link.userId,
      set: { [link.channel]: link.action === 'keep' },
      renew: true,
      source: 'link',
      ip: input.ip,
      now: input.now,
    });
    return { status: link.action === 'keep' ? 'kept' : 'stopped', channel: link.channel };
  });
  if (answer.status !== 'invalid') deliverSoon();
  return answer;
}
