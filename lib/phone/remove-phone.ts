import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { updateMarketingConsent } from '@/lib/account/update-marketing-consent';

/**
 * Removes the person's phone number and, with it, product news by SMS (a consent event, through
 * the consent domain function), in one transaction.
 */
export async function removePhone(input: { userId: string; ip: string | null; now: Date }): Promise<{ status: 'removed' } | { status: 'not-found' }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.marketingEmailConsentAt }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!user) return { status: 'not-found' as const };
    await tx.update(users).set({ phone: null, phoneVerifiedAt: null }).where(eq(users.id, input.userId));
    await updateMarketingConsent({ userId: input.userId, email: user.email !== null, sms: false, ip: input.ip, now: input.now }, tx);
    return { status: 'removed' as const };
  });
}
