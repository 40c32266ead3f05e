import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import { consentEvents, users } from '@/db/schema';

export type MarketingConsentInput = { userId: string; email: boolean; sms: boolean; ip: string | null; now: Date };

/**
 * Sets marketing consent per channel. A grant keeps its original time while it stands; a withdrawal
 * clears it. Every change (and only a change) is also written to consent_events, so consent can
 * be proven later. SMS consent can be granted only with a verified phone number. Pass `q` to run
 * inside a caller's transaction (removing a number withdraws SMS consent with it).
 */
export async function updateMarketingConsent(
  input: MarketingConsentInput,
  q?: Queryable,
): Promise<{ status: 'saved'; changed: Array<'email' | 'sms'> } | { status: 'not-found' } | { status: 'phone-unverified' }> {
  const db = q ?? (await getDb());
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ email: users.marketingEmailConsentAt, sms: users.marketingSmsConsentAt, phoneVerifiedAt: users.phoneVerifiedAt })
      .from(users)
      .where(eq(users.id, input.userId))
      .for('update');
    if (!user) return { status: 'not-found' as const };
    if (input.sms && user.sms === null && user.phoneVerifiedAt === null) return { status: 'phone-unverified' as const };
    const changed = (['email', 'sms'] as const).filter((channel) => (user[channel] !== null) !== input[channel]);
    if (!changed.length) return { status: 'saved' as const, changed };
    await tx
      .update(users)
      .set({
        marketingEmailConsentAt: input.email ? (user.email ?? input.now) : null,
        marketingSmsConsentAt: input.sms ? (user.sms ?? input.now) : null,
      })
      .where(eq(users.id, input.userId));
    await tx
      .insert(consentEvents)
      .values(changed.map((channel) => ({ userId: input.userId, channel, granted: input[channel], ip: input.ip, createdAt: input.now })));
    return { status: 'saved' as const, changed };
  });
}
