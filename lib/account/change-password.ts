import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { users, type Locale } from '@/db/schema';
import { PASSWORD_CHANGE_VOIDS, voidAuthTokens } from '@/lib/auth/auth-tokens';
import { hashPassword, verifyPassword } from '@/lib/auth/password-hash';
import { config } from '@/lib/config';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { checkCurrentPassword } from './current-password';

/** currentPassword null: the session stepped up (a current code or passkey, lib/two-step/step-up.ts) instead; the caller checked it. */
export type ChangePasswordInput = { userId: string; currentPassword: string | null; newPassword: string; locale: Locale; now: Date };
export type ChangePasswordOutcome =
  | { status: 'changed' }
  | { status: 'wrong-password' }
  | { status: 'too-many-attempts' }
  | { status: 'same-password' }
  | { status: 'not-found' };

/**
 * Replaces the password after checking the current one. Clears the expiry flag and bumps
 * session_version, which ends every session (the caller re-issues its own), voids open reset and
 * email-change links (one a thief with the session may have started), and mails the owner.
 */
export async function changePassword(input: ChangePasswordInput): Promise<ChangePasswordOutcome> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(and(eq(users.id, input.userId), eq(users.status, 'active')));
  if (!user?.email) return { status: 'not-found' };
  const check = input.currentPassword === null ? 'correct' : await checkCurrentPassword(user, input.currentPassword, input.now);
  if (check !== 'correct') return { status: check };
  if (await verifyPassword(user.passwordHash, input.newPassword)) return { status: 'same-password' };
  const passwordHash = await hashPassword(input.newPassword);
  const email = user.email;

  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: input.now, passwordExpired: false, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    await voidAuthTokens(tx, user.id, PASSWORD_CHANGE_VOIDS, input.now);
    await enqueueMail(tx, {
      to: email,
      template: 'password-changed',
      props: { name: user.name, changedAt: input.now.toISOString(), resetUrl: new URL('/forgot-password', config.APP_URL).toString() },
      locale: user.locale ?? input.locale,
      timeZone: user.timeZone,
      dedupeKey: `password-changed/${user.id}/${input.now.toISOString()}`,
    });
  });
  deliverSoon();
  return { status: 'changed' };
}
