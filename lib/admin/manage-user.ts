import 'server-only';
import { and, eq, gt, isNotNull, sql } from 'drizzle-orm';
import { getDb, type Queryable, type Transaction } from '@/db';
import { users } from '@/db/schema';
import { withdrawalGraceCutoff } from '@/lib/account/deletion-date';
import { mailVerificationLink } from '@/lib/auth/email-verification';
import { changeMarketingConsent } from '@/lib/consent/change-marketing-consent';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { deletePasskeys } from '@/lib/passkeys/passkey-factor';
import { removeTotp } from '@/lib/two-step/authenticator';
import { noteFactorRemoved } from '@/lib/two-step/turn-off';
import { twoStepStatus } from '@/lib/two-step/status';

// What an admin can do to an account from /admin/users. Each returns what happened; none throws
// for an account that is missing or not in a state the action applies to. Each takes the
// transaction its audit entry is written in (lib/admin/audit.ts), or runs on its own.

export type ManageOutcome = { status: 'done' } | { status: 'not-found' } | { status: 'not-applicable' };

/** One of the operations below, run in the transaction of its audit entry. */
export type ManageOperation = (userId: string, tx: Transaction) => Promise<ManageOutcome>;

/** Clears the failed-login counter and any lock. */
export async function unlockUserAccount(userId: string, q?: Queryable): Promise<ManageOutcome> {
  const db = q ?? (await getDb());
  const rows = await db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, userId)).returning({ id: users.id });
  return rows.length ? { status: 'done' } : { status: 'not-found' };
}

/** Forces a password change at the next login (accounts with a password only). */
export async function expireUserPassword(userId: string, q?: Queryable): Promise<ManageOutcome> {
  const db = q ?? (await getDb());
  const rows = await db
    .update(users)
    .set({ passwordExpired: true })
    .where(and(eq(users.id, userId), isNotNull(users.passwordHash)))
    .returning({ id: users.id });
  return rows.length ? { status: 'done' } : existsOrMissing(db, userId);
}

/**
 * Takes a withdrawn account back to active while its grace period lasts; past it the account is
 * only waiting for the sweep to delete it, as the person was told.
 */
export async function restoreUserAccount(userId: string, now: Date, q?: Queryable): Promise<ManageOutcome> {
  const db = q ?? (await getDb());
  // The grace rule inside the UPDATE, so the check and the change are one step.
  const rows = await db
    .update(users)
    .set({ status: 'active', withdrawnAt: null, withdrawalReason: null })
    .where(and(eq(users.id, userId), eq(users.status, 'withdrawn'), gt(users.withdrawnAt, withdrawalGraceCutoff(now))))
    .returning({ id: users.id });
  return rows.length ? { status: 'done' } : existsOrMissing(db, userId);
}

/**
 * Sends a new verification link to an unverified account. Earlier unused links stop working; the
 * token and the mail are written in one transaction.
 */
export async function resendUserVerification(userId: string, now: Date, outer?: Transaction): Promise<ManageOutcome> {
  const send = async (tx: Transaction): Promise<ManageOutcome> => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) return { status: 'not-found' };
    if (user.emailVerifiedAt || !user.email || user.status !== 'active') return { status: 'not-applicable' };
    // Older unused links stop working. The per-address send limit of the public
    // resend form does not apply: an admin asked, and the action is audited.
    await mailVerificationLink(tx, { id: userId, email: user.email, locale: user.locale }, now, (tokenHash) => `verify-email/admin/${tokenHash.slice(0, 32)}`);
    return { status: 'done' };
  };
  const outcome = outer ? await send(outer) : await (await getDb()).transaction(send);
  // Delivery runs after the response, when the transaction has committed.
  if (outcome.status === 'done') deliverSoon();
  return outcome;
}

/**
 * Ends marketing consent on every channel at the person's request (by phone, say); the person is
 * mailed the result. An admin can end consent but never give it: consent must come from the person.
 */
export async function withdrawUserMarketingConsent(userId: string, now: Date, tx: Transaction): Promise<ManageOutcome> {
  const outcome = await changeMarketingConsent(tx, { userId, set: { email: false, sms: false }, source: 'admin', ip: null, now });
  if (outcome.status === 'not-found') return { status: 'not-found' };
  if (outcome.status !== 'saved' || !outcome.changes.length) return { status: 'not-applicable' };
  deliverSoon();
  return { status: 'done' };
}

async function existsOrMissing(db: Queryable, userId: string): Promise<ManageOutcome> {
  const [row] = await db.select({ one: sql<number>`1` }).from(users).where(eq(users.id, userId));
  return row ? { status: 'not-applicable' } : { status: 'not-found' };
}

/**
 * Reset two-step, for someone who lost every factor: removes the authenticator app, every passkey
 * and the recovery codes, and mails the person; the next sign-in asks for the password alone.
 */
export async function resetUserTwoStep(userId: string, now: Date, tx: Transaction): Promise<ManageOutcome> {
  const before = await twoStepStatus(tx, userId);
  if (!before.on && !before.recoveryCodesLeft) return existsOrMissing(tx, userId);
  await removeTotp(tx, userId);
  await deletePasskeys(tx, userId);
  await noteFactorRemoved(tx, userId, now, 'admin');
  deliverSoon();
  return { status: 'done' };
}
