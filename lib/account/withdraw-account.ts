import 'server-only';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { authTokens, users, type Locale } from '@/db/schema';
import { isFreshSignIn } from '@/lib/auth/is-fresh-sign-in';
import { config } from '@/lib/config';
import { changeMarketingConsent, consentChangeProps } from '@/lib/consent/change-marketing-consent';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { checkCurrentPassword } from './current-password';
import { deletionDateOf } from './deletion-date';

/**
 * How the person proved it is them: the current password, or — for an account without one — a
 * sign-in (provider or reauthentication) at `authTime` (seconds since epoch, from the session).
 */
/** step_up: the session stepped up (a current code or passkey, lib/two-step/step-up.ts) within FRESH_SIGN_IN_MINUTES; the caller checked it. */
export type WithdrawalConfirmation = { kind: 'password'; password: string } | { kind: 'fresh_sign_in'; authTime: number } | { kind: 'step_up' };

export type WithdrawAccountInput = { userId: string; confirmation: WithdrawalConfirmation; reason: string | null; locale: Locale; now: Date };
export type WithdrawAccountOutcome =
  | { status: 'withdrawn'; deletionDate: Date }
  | { status: 'wrong-password' }
  | { status: 'too-many-attempts' }
  /** No password: the sign-in is older than FRESH_SIGN_IN_MINUTES; reauthenticate and try again. */
  | { status: 'stale-sign-in' }
  /** The account has a password, so a fresh sign-in alone is not enough. */
  | { status: 'password-required' }
  | { status: 'not-found' };

/**
 * Closes an account after checking the confirmation: status withdrawn, every session ended
 * (session_version bumped), open links voided, marketing consent ended, and a confirmation with the
 * deletion date (and the consent that ended) mailed. The retention sweep deletes the data
 * WITHDRAWAL_GRACE_DAYS later; logging in before then offers a restore.
 */
export async function withdrawAccount(input: WithdrawAccountInput): Promise<WithdrawAccountOutcome> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(and(eq(users.id, input.userId), eq(users.status, 'active')));
  if (!user?.email) return { status: 'not-found' };
  const refused = await checkConfirmation(user, input.confirmation, input.now);
  if (refused) return refused;
  const email = user.email;
  const deletionDate = deletionDateOf(input.now);

  const closed = await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ status: 'withdrawn', withdrawnAt: input.now, withdrawalReason: input.reason, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, user.id), eq(users.status, 'active')))
      .returning({ id: users.id });
    if (!updated.length) return false;
    await tx
      .update(authTokens)
      .set({ usedAt: input.now })
      .where(and(eq(authTokens.userId, user.id), inArray(authTokens.purpose, ['change_email', 'reset_password', 'verify_email']), isNull(authTokens.usedAt)));
    // Marketing consent ends with the account; the withdrawal mail tells the result (no second mail).
    const consent = await changeMarketingConsent(tx, {
      userId: user.id,
      set: { email: false, sms: false },
      source: 'withdrawal',
      ip: null,
      now: input.now,
      notice: 'folded',
    });
    await enqueueMail(tx, {
      to: email,
      template: 'withdrawal-confirmed',
      props: {
        name: user.name,
        withdrawnAt: input.now.toISOString(),
        deletionDate: deletionDate.toISOString(),
        loginUrl: new URL('/login', config.APP_URL).toString(),
        operatorName: config.OPERATOR_NAME,
        ...consentChangeProps(consent.status === 'saved' ? consent.changes : []),
      },
      locale: user.locale ?? input.locale,
      timeZone: user.timeZone,
      dedupeKey: `withdrawal-confirmed/${user.id}/${input.now.toISOString()}`,
    });
    return true;
  });
  if (!closed) return { status: 'not-found' };
  deliverSoon();
  return { status: 'withdrawn', deletionDate };
}

/** Null when the confirmation fits the account: the password if it has one, else a recent sign-in. */
async function checkConfirmation(
  user: { id: string; passwordHash: string | null },
  confirmation: WithdrawalConfirmation,
  now: Date,
): Promise<{ status: 'wrong-password' | 'too-many-attempts' | 'stale-sign-in' | 'password-required' } | null> {
  if (confirmation.kind === 'step_up') return null;
  if (confirmation.kind === 'password') {
    const check = await checkCurrentPassword(user, confirmation.password, now);
    return check === 'correct' ? null : { status: check };
  }
  if (user.passwordHash) return { status: 'password-required' };
  return isFreshSignIn(confirmation.authTime, now, config.FRESH_SIGN_IN_MINUTES) ? null : { status: 'stale-sign-in' };
}
