import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { config } from '@/lib/config';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { passwordIsNotEmail } from '@/lib/validation/fields';
import { PASSWORD_CHANGE_VOIDS, consumeAuthToken, findLiveAuthToken, voidAuthTokens } from './auth-tokens';
import { takeEmailSend } from './email-send-limit';
import { mailSingleUseLink } from './link-mail';
import { hashPassword } from './password-hash';

export type ResetRequestOutcome = { status: 'sent' } | { status: 'not-sent' };

/**
 * Mails a reset link to an active account at this address (older links stop working), within the
 * per-address limit. The caller answers the same whatever happened.
 */
export async function sendPasswordResetLink(email: string, now: Date): Promise<ResetRequestOutcome> {
  const db = await getDb();
  const sent = await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, locale: users.locale, timeZone: users.timeZone })
      .from(users)
      .where(and(eq(users.email, email), eq(users.status, 'active')));
    if (!user || !(await takeEmailSend(tx, 'reset-password', email, now))) return false;
    await mailSingleUseLink(tx, {
      userId: user.id,
      purpose: 'reset_password',
      ttlMs: config.RESET_PASSWORD_TTL_MINUTES * 60_000,
      now,
      to: email,
      template: 'reset-password',
      page: '/reset-password',
      props: ({ url, expiresAt }) => ({ name: user.name, resetUrl: url, expiresAt }),
      locale: user.locale ?? config.DEFAULT_LOCALE,
      timeZone: user.timeZone,
    });
    return true;
  });
  if (sent) deliverSoon();
  return sent ? { status: 'sent' } : { status: 'not-sent' };
}

/** Whether a reset link can still be used, for showing the form or the "invalid link" page. */
export async function isResetTokenLive(token: string, now: Date): Promise<boolean> {
  return (await findLiveAuthToken(await getDb(), token, 'reset_password', now)) !== null;
}

export type ResetPasswordOutcome = { status: 'reset' } | { status: 'invalid' } | { status: 'password-is-email' };

/**
 * Sets a new password through a reset link: single use, and every session of the account ends
 * (session_version bumps), and other reset and email-change links stop working. The link proves
 * the address, so it also verifies it and lifts a lock.
 */
export async function resetPasswordWithToken(token: string, newPassword: string, now: Date): Promise<ResetPasswordOutcome> {
  const passwordHash = await hashPassword(newPassword);
  const db = await getDb();
  const outcome = await db.transaction(async (tx): Promise<ResetPasswordOutcome> => {
    const live = await findLiveAuthToken(tx, token, 'reset_password', now);
    if (!live) return { status: 'invalid' };
    const [user] = await tx.select().from(users).where(and(eq(users.id, live.userId), eq(users.status, 'active')));
    if (!user?.email) return { status: 'invalid' };
    if (!passwordIsNotEmail(newPassword, user.email)) return { status: 'password-is-email' };
    if (!(await consumeAuthToken(tx, token, 'reset_password', now))) return { status: 'invalid' };
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordChangedAt: now,
        passwordExpired: false,
        sessionVersion: sql`${users.sessionVersion} + 1`,
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
        failedLoginCount: 0,
        lockedUntil: null,
      })
      .where(eq(users.id, user.id));
    await voidAuthTokens(tx, user.id, PASSWORD_CHANGE_VOIDS, now);
    await enqueueMail(tx, {
      to: user.email,
      template: 'password-changed',
      props: { name: user.name, changedAt: now.toISOString(), resetUrl: `${config.APP_URL}/forgot-password` },
      locale: user.locale ?? config.DEFAULT_LOCALE,
      timeZone: user.timeZone,
      dedupeKey: `password-changed/${user.id}/${now.toISOString()}`,
    });
    return { status: 'reset' };
  });
  if (outcome.status === 'reset') deliverSoon();
  return outcome;
}
