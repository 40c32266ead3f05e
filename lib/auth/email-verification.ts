import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db';
import { authTokens, users, type Locale } from '@/db/schema';
import { config } from '@/lib/config';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { mailSingleUseLink } from './link-mail';
import { consumeAuthToken, findTokenOwner } from './auth-tokens';
import { takeEmailSend } from './email-send-limit';

type Recipient = { id: string; email: string; locale: Locale | null };

/**
 * Sends a fresh verification link (older links stop working), unless the per-address limit says
 * no. Call inside the transaction that creates or looks up the account; false when nothing was sent.
 */
export async function sendVerificationLink(tx: Transaction, user: Recipient, now: Date): Promise<boolean> {
  if (!(await takeEmailSend(tx, 'verify-email', user.email, now))) return false;
  await mailVerificationLink(tx, user, now);
  return true;
}

/**
 * A new verification link for the account (older links stop working) and its mail, with no send
 * limit: for callers that apply their own (sendVerificationLink) or answer for it (an admin's resend).
 */
export async function mailVerificationLink(tx: Transaction, user: Recipient, now: Date, dedupeKey?: (tokenHash: string) => string): Promise<void> {
  await mailSingleUseLink(tx, {
    userId: user.id,
    purpose: 'verify_email',
    ttlMs: config.VERIFY_EMAIL_TTL_HOURS * 3_600_000,
    now,
    to: user.email,
    template: 'verify-email',
    page: '/verify-email',
    props: ({ url, expiresAt }) => ({ verifyUrl: url, expiresAt }),
    locale: user.locale ?? config.DEFAULT_LOCALE,
    dedupeKey,
  });
}

export type ResendOutcome = { status: 'sent' } | { status: 'not-sent' };

/** A new link for an unverified account at this address; the caller answers the same either way. */
export async function resendVerificationLink(email: string, now: Date): Promise<ResendOutcome> {
  const db = await getDb();
  const sent = await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, locale: users.locale })
      .from(users)
      .where(and(eq(users.email, email), isNull(users.emailVerifiedAt), eq(users.status, 'active')));
    if (!user?.email) return false;
    return sendVerificationLink(tx, { ...user, email: user.email }, now);
  });
  if (sent) deliverSoon();
  return sent ? { status: 'sent' } : { status: 'not-sent' };
}

export type VerifyEmailOutcome = { status: 'verified' } | { status: 'already-verified' } | { status: 'invalid' };

/**
 * Uses a verification link. Valid: the address is verified and every other verification link of
 * the account stops working. A used link whose account is verified says so (a mail scanner may have
 * opened it first); anything else is invalid and changes nothing.
 */
export async function verifyEmail(token: string, now: Date): Promise<VerifyEmailOutcome> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const used = await consumeAuthToken(tx, token, 'verify_email', now);
    if (used) {
      const [verified] = await tx
        .update(users)
        .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)` })
        .where(and(eq(users.id, used.userId), eq(users.status, 'active')))
        .returning({ id: users.id });
      if (!verified) return { status: 'invalid' } as const;
      await tx.delete(authTokens).where(and(eq(authTokens.userId, used.userId), eq(authTokens.purpose, 'verify_email'), isNull(authTokens.usedAt)));
      return { status: 'verified' } as const;
    }
    const owner = await findTokenOwner(tx, token, 'verify_email');
    if (owner?.usedAt) {
      const [user] = await tx.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, owner.userId));
      if (user?.verifiedAt) return { status: 'already-verified' } as const;
    }
    return { status: 'invalid' } as const;
  });
}
