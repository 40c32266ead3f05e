import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb, type Queryable, type Transaction } from '@/db';
import { users, type Locale, type User } from '@/db/schema';
import { isUniqueViolation } from '@/db/errors';
import { findAddressHolder } from '@/lib/account/address-holder';
import { isWithinWithdrawalGrace } from '@/lib/account/deletion-date';
import { recordLoginEvent, type LoginReason } from '@/lib/auth/login-events';
import type { SocialProviderId } from '@/lib/auth/providers';
import { twoStepStatus } from '@/lib/two-step/status';
import type { SocialIntent } from './intent';
import type { ProviderIdentity } from './provider-identity';
import { findUserByProviderAccount, linkProviderAccount } from './provider-accounts';

export type SocialSignInInput = {
  provider: SocialProviderId;
  providerAccountId: string;
  /** Auth.js account type: 'oauth' or 'oidc'. */
  accountType: string;
  identity: ProviderIdentity;
  /** Why a signed-in person went to the provider (link, reauthenticate), from the intent cookie. */
  intent: SocialIntent | null;
  locale: Locale;
  ip: string | null;
  userAgent: string | null;
  now: Date;
};

export type SocialSignInOutcome =
  /** A linked, active account: sign in. */
  | { status: 'signed-in'; userId: string }
  /** A linked, active account with two-step on: the second step first (/login/two-step). */
  | { status: 'two-step-required'; userId: string; provider: SocialProviderId }
  /** First sign-in with a verified address nobody has: a new, verified account. */
  | { status: 'created'; userId: string }
  /** A signed-in person linked this provider account (or it already was theirs): sign in as them. */
  | { status: 'linked'; userId: string }
  /** A signed-in person proved it is still them: sign in again, with a fresh sign-in time. */
  | { status: 'reauthenticated'; userId: string }
  /** The address belongs to an account: the owner must log in and link from Connected accounts. */
  | { status: 'link-required' }
  /** No address, or one the provider has not verified: we cannot make an account from it. */
  | { status: 'email-unverified' }
  /** A link refused; `conflict` is also the ?error= value /account/connections reads. */
  | { status: 'link-conflict'; conflict: 'linked-elsewhere' | 'provider-taken' | 'account-inactive' }
  /** The reauthentication came back with a provider account that is not the signed-in person's. */
  | { status: 'reauth-mismatch' }
  | { status: 'withdrawn'; userId: string }
  /** Withdrawn, and its grace period is over: it only waits for the sweep to delete it. */
  | { status: 'closed' }
  | { status: 'dormant'; userId: string };

type Decision = { outcome: SocialSignInOutcome; reason: LoginReason; success: boolean; userId: string | null };

/**
 * Decides what a completed provider sign-in means for our accounts, makes the change (new account,
 * new link, last login) and writes the login log row, all in one transaction. Never links by
 * address alone: matching an existing account's address only asks its owner to link deliberately.
 */
export async function completeSocialSignIn(input: SocialSignInInput): Promise<SocialSignInOutcome> {
  const db = await getDb();
  try {
    return await db.transaction((tx) => decideAndRecord(tx, input));
  } catch (error) {
    // Two first sign-ins at once (same provider account or same address): the loser sees the winner's row.
    if (!isUniqueViolation(error)) throw error;
    return db.transaction((tx) => decideAndRecord(tx, input));
  }
}

async function decideAndRecord(tx: Transaction, input: SocialSignInInput): Promise<SocialSignInOutcome> {
  const decision = await decide(tx, input);
  await recordLoginEvent(tx, {
    userId: decision.userId,
    email: input.identity.email,
    ip: input.ip,
    userAgent: input.userAgent,
    reason: decision.reason,
    success: decision.success,
    provider: input.provider,
    now: input.now,
  });
  return decision.outcome;
}

async function decide(tx: Transaction, input: SocialSignInInput): Promise<Decision> {
  const linked = await findUserByProviderAccount(tx, input.provider, input.providerAccountId);
  const intent = input.intent?.provider === input.provider ? input.intent : null;
  if (intent?.purpose === 'link') return decideLink(tx, input, intent.userId);
  if (intent?.purpose === 'reauthenticate') {
    if (!linked || linked.id !== intent.userId || linked.status !== 'active') {
      return { outcome: { status: 'reauth-mismatch' }, reason: 'reauth_mismatch', success: false, userId: intent.userId };
    }
    await touchLastLogin(tx, linked.id, input.now);
    return { outcome: { status: 'reauthenticated', userId: linked.id }, reason: 'ok', success: true, userId: linked.id };
  }
  if (linked) return decideLinkedAccount(tx, input, linked);

  const { email, emailVerified } = input.identity;
  if (!email || !emailVerified) return { outcome: { status: 'email-unverified' }, reason: 'email_unverified', success: false, userId: null };
  const holder = await findAddressHolder(tx, email);
  if (holder) return { outcome: { status: 'link-required' }, reason: 'link_required', success: false, userId: holder };

  const [created] = await tx
    .insert(users)
    .values({
      email,
      name: input.identity.name?.slice(0, 100) ?? null,
      passwordHash: null,
      locale: input.locale,
      emailVerifiedAt: input.now,
      createdAt: input.now,
      lastLoginAt: input.now,
    })
    .returning({ id: users.id });
  await linkProviderAccount(tx, { userId: created.id, provider: input.provider, providerAccountId: input.providerAccountId, type: input.accountType, now: input.now });
  return { outcome: { status: 'created', userId: created.id }, reason: 'ok', success: true, userId: created.id };
}

async function decideLink(tx: Transaction, input: SocialSignInInput, userId: string): Promise<Decision> {
  const [user] = await tx.select({ status: users.status }).from(users).where(eq(users.id, userId));
  if (user?.status !== 'active') {
    return { outcome: { status: 'link-conflict', conflict: 'account-inactive' }, reason: 'link_conflict', success: false, userId: user ? userId : null };
  }
  const result = await linkProviderAccount(tx, { userId, provider: input.provider, providerAccountId: input.providerAccountId, type: input.accountType, now: input.now });
  if (result.status === 'linked-elsewhere' || result.status === 'provider-taken') {
    return { outcome: { status: 'link-conflict', conflict: result.status }, reason: 'link_conflict', success: false, userId };
  }
  await touchLastLogin(tx, userId, input.now);
  return { outcome: { status: 'linked', userId }, reason: 'linked', success: true, userId };
}

async function decideLinkedAccount(tx: Transaction, input: SocialSignInInput, user: User): Promise<Decision> {
  switch (user.status) {
    case 'active':
      // With two-step on, last_login_at and the lockout reset wait for the second factor.
      if ((await twoStepStatus(tx, user.id)).on) {
        return { outcome: { status: 'two-step-required', userId: user.id, provider: input.provider }, reason: 'two_step_required', success: false, userId: user.id };
      }
      await touchLastLogin(tx, user.id, input.now);
      return { outcome: { status: 'signed-in', userId: user.id }, reason: 'ok', success: true, userId: user.id };
    case 'withdrawn':
      if (!isWithinWithdrawalGrace(user.withdrawnAt, input.now)) return { outcome: { status: 'closed' }, reason: 'withdrawn', success: false, userId: user.id };
      return { outcome: { status: 'withdrawn', userId: user.id }, reason: 'withdrawn', success: false, userId: user.id };
    case 'dormant':
      return { outcome: { status: 'dormant', userId: user.id }, reason: 'dormant', success: false, userId: user.id };
  }
}

async function touchLastLogin(q: Queryable, userId: string, now: Date): Promise<void> {
  await q.update(users).set({ lastLoginAt: now }).where(eq(users.id, userId));
}


