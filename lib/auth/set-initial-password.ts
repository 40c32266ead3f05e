import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { config } from '@/lib/config';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { hashPassword } from './password-hash';

export type SetInitialPasswordOutcome = { status: 'set' } | { status: 'password-exists' } | { status: 'not-found' };

/**
 * Gives an account that only signs in through providers its first password. Refuses when a password
 * exists (that is a change, which needs the current one). The caller checks policy and a fresh
 * sign-in (hasFreshSignIn) first. Sessions stay valid: a way in was added, none replaced. The owner
 * is told by mail, in case it was not them.
 */
export async function setInitialPassword(userId: string, newPassword: string, now: Date = new Date()): Promise<SetInitialPasswordOutcome> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(and(eq(users.id, userId), eq(users.status, 'active')));
  if (!user?.email) return { status: 'not-found' };
  if (user.passwordHash) return { status: 'password-exists' };
  const passwordHash = await hashPassword(newPassword);
  const email = user.email;
  const outcome = await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, passwordExpired: false })
      .where(and(eq(users.id, userId), isNull(users.passwordHash)))
      .returning({ id: users.id });
    // Someone set one between our read and this write.
    if (!updated.length) return { status: 'password-exists' } as const;
    await enqueueMail(tx, {
      to: email,
      template: 'password-changed',
      props: { name: user.name, changedAt: now.toISOString(), resetUrl: new URL('/forgot-password', config.APP_URL).toString() },
      locale: user.locale ?? config.DEFAULT_LOCALE,
      timeZone: user.timeZone,
      dedupeKey: `password-set/${userId}/${now.toISOString()}`,
    });
    return { status: 'set' } as const;
  });
  if (outcome.status === 'set') deliverSoon();
  return outcome;
}
