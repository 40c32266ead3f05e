import 'server-only';
import { getDb } from '@/db';
import type { Locale } from '@/db/schema';
import { changeMarketingConsent } from '@/lib/consent/change-marketing-consent';
import { deliverSoon } from '@/lib/mail/deliver-soon';

export type MarketingConsentInput = { userId: string; email: boolean; sms: boolean; ip: string | null; now: Date; locale?: Locale };

/**
 * The notification form on /account: both channels as ticked, in one transaction, result mailed.
 * SMS consent can be granted only with a verified phone number.
 */
export async function updateMarketingConsent(
  input: MarketingConsentInput,
): Promise<{ status: 'saved'; changed: Array<'email' | 'sms'> } | { status: 'not-found' } | { status: 'phone-unverified' }> {
  const db = await getDb();
  const outcome = await db.transaction((tx) =>
    changeMarketingConsent(tx, {
      userId: input.userId,
      set: { email: input.email, sms: input.sms },
      source: 'account',
      ip: input.ip,
      now: input.now,
      locale: input.locale,
    }),
  );
  if (outcome.status !== 'saved') return outcome;
  if (outcome.changes.length) deliverSoon();
  return { status: 'saved', changed: outcome.changes.map((change) => change.channel) };
}
