import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { isUniqueViolation } from '@/db/errors';
import { authTokens, users, type Locale } from '@/db/schema';
import { EMAIL_CHANGE_VOIDS, voidAuthTokens } from '@/lib/auth/auth-tokens';
import { hashToken } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { isAddressTaken } from './address-holder';

export type ConfirmEmailChangeOutcome =
  | { status: 'changed'; newEmail: string }
  | { status: 'invalid' }
  | { status: 'used' }
  | { status: 'expired' }
  | { status: 'taken' };

/**
 * Opens an email-change link: checks it (known, unused, unexpired), uses it up, checks the new
 * address is still free (live and dormant accounts), switches the address, voids the links sent
 * before (reset and verification links went to the old address) and tells the old one.
 * The address stays verified: opening the link proved the person reads it.
 */
export async function confirmEmailChange(token: string, now: Date, fallbackLocale: Locale = config.DEFAULT_LOCALE): Promise<ConfirmEmailChangeOutcome> {
  if (!token) return { status: 'invalid' };
  const db = await getDb();
  try {
    const outcome = await db.transaction(async (tx): Promise<ConfirmEmailChangeOutcome> => {
      const [row] = await tx
        .select()
        .from(authTokens)
        .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, 'change_email')))
        .for('update');
      if (!row?.newEmail) return { status: 'invalid' };
      if (row.usedAt) return { status: 'used' };
      if (row.expiresAt <= now) return { status: 'expired' };
      await tx.update(authTokens).set({ usedAt: now }).where(eq(authTokens.id, row.id));

      const [user] = await tx.select().from(users).where(and(eq(users.id, row.userId), eq(users.status, 'active'))).for('update');
      if (!user?.email) return { status: 'invalid' };
      if (await isAddressTaken(tx, row.newEmail, { exceptUserId: user.id })) return { status: 'taken' };

      await tx.update(users).set({ email: row.newEmail }).where(eq(users.id, user.id));
      await voidAuthTokens(tx, user.id, EMAIL_CHANGE_VOIDS, now);
      await enqueueMail(tx, {
        to: user.email,
        template: 'email-changed',
        props: { name: user.name, oldEmail: user.email, newEmail: row.newEmail, changedAt: now.toISOString() },
        locale: user.locale ?? fallbackLocale,
        timeZone: user.timeZone,
        dedupeKey: `email-changed/${row.id}`,
      });
      return { status: 'changed', newEmail: row.newEmail };
    });
    if (outcome.status === 'changed') deliverSoon();
    return outcome;
  } catch (error) {
    // Someone took the address between our check and the update.
    if (isUniqueViolation(error)) return { status: 'taken' };
    throw error;
  }
}
