import 'server-only';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import { getDb, type Database } from '@/db';
import { users } from '@/db/schema';
import { isWithinWithdrawalGrace } from '@/lib/account/deletion-date';
import { isIpRateLimited } from '@/lib/auth/ip-rate-limit';
import { clearFailures, isLocked } from '@/lib/auth/lockout';
import { recordLoginEvent, type LoginReason } from '@/lib/auth/login-events';
import { mustChangePassword } from '@/lib/auth/password-expiry';
import { issueRestoreTicket } from '@/lib/auth/restore-ticket';
import type { ClientInfo } from '@/lib/http/client-info';
import { startReactivation, type ReactivationLimit } from '@/lib/retention/reactivation';
import { verifyPasskeyAssertion } from './assertion';

/** The login log's provider column for passwordless passkey sign-ins. */
export const PASSKEY_PROVIDER = 'passkey';

export type PasskeySignInOutcome =
  | { status: 'ok'; userId: string; mustChangePassword: boolean }
  | { status: 'invalid' }
  | { status: 'withdrawn'; userId: string; restoreTicket: string }
  | { status: 'dormant'; userId: string; reactivationTicket: string }
  | { status: 'reactivation-limited'; userId: string; limit: ReactivationLimit };

/**
 * A sign-in with a passkey and nothing else: the passkey with user verification is both factors,
 * so no second step follows. Withdrawn and dormant accounts get the offers a password sign-in gets
 * (restore, a reactivation code). Every refusal is the same `invalid` (an unknown passkey, a
 * wrong signature, a used challenge, a locked account, a rate-limited IP), and nothing here takes
 * an address, so it tells nobody which accounts exist. Each attempt is a login_events row.
 */
export async function signInWithPasskey(input: { response: AuthenticationResponseJSON; client: ClientInfo; now: Date }): Promise<PasskeySignInOutcome> {
  const db = await getDb();
  const { client, now } = input;
  const log = (reason: LoginReason, userId: string | null, email: string | null = null) =>
    recordLoginEvent(db, { userId, email, ip: client.ip, userAgent: client.userAgent, reason, now, provider: PASSKEY_PROVIDER, success: reason === 'passkey_ok' });

  if (await isIpRateLimited(db, client.ip, now)) {
    await log('rate_limited', null);
    return { status: 'invalid' };
  }
  const assertion = await verifyPasskeyAssertion({ purpose: 'sign_in' }, input.response, now);
  if (assertion.status !== 'verified') {
    await log('passkey_failed', assertion.ownerId);
    return { status: 'invalid' };
  }
  const [user] = await db.select().from(users).where(eq(users.id, assertion.userId));
  if (!user) {
    await log('passkey_failed', null);
    return { status: 'invalid' };
  }
  const { outcome, reason } = await decide(db, user, now);
  await log(reason, user.id, user.email);
  return outcome;
}

async function decide(db: Database, user: typeof users.$inferSelect, now: Date): Promise<{ outcome: PasskeySignInOutcome; reason: LoginReason }> {
  if (isLocked(user, now)) return { outcome: { status: 'invalid' }, reason: 'locked' };
  if (user.status === 'withdrawn') {
    if (!isWithinWithdrawalGrace(user.withdrawnAt, now)) return { outcome: { status: 'invalid' }, reason: 'withdrawn' };
    return { outcome: { status: 'withdrawn', userId: user.id, restoreTicket: await issueRestoreTicket(db, user.id, now) }, reason: 'withdrawn' };
  }
  if (user.status === 'dormant') {
    const reactivation = await startReactivation({ userId: user.id, now });
    const outcome: PasskeySignInOutcome =
      reactivation.status === 'sent'
        ? { status: 'dormant', userId: user.id, reactivationTicket: reactivation.ticket }
        : { status: 'reactivation-limited', userId: user.id, limit: reactivation.limit };
    return { outcome, reason: 'dormant' };
  }
  if (!user.emailVerifiedAt) return { outcome: { status: 'invalid' }, reason: 'unverified' };
  await clearFailures(db, user.id, now);
  return { outcome: { status: 'ok', userId: user.id, mustChangePassword: mustChangePassword(user) }, reason: 'passkey_ok' };
}
