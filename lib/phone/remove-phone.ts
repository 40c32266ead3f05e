import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { changeMarketingConsent } from '@/lib/consent/change-marketing-consent';
import { deliverSoon } from '@/lib/mail/deliver-soon';

/**
 * Removes the person's phone number and, with it, product news by SMS (a consent event, through
 * the consent domain function), in one transaction.
 */
export async function removePhone(input: { userId: string; ip: string | null; now: Date }): Promise<{ status: 'removed' } | { status: 'not-found' }> {
  const db = await getDb();
  const outcome = await db.transaction(async (tx) => {
    const removed = await tx.update(users).set({ phone: null, phoneVerifiedAt: null }).where(eq(users.id, input.userId)).returning({ id: users.id });
    if (!removed.length) return { status: 'not-found' as const, mailed: false };
    const consent = await changeMarketingConsent(tx, { userId: input.userId, set: { sms: false }, source: 'phone_removed', ip: input.ip, now: input.now });
    return { status: 'removed' as const, mailed: consent.status === 'saved' && consent.changes.length > 0 };
  });
  if (outcome.mailed) deliverSoon();
  return { status: outcome.status };
}
