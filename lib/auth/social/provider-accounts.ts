import 'server-only';
import { and, asc, count, eq } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import { accounts, users, type User } from '@/db/schema';

// Provider accounts linked to our accounts (table `accounts`, the Auth.js adapter's shape). We keep
// no provider tokens: nothing calls a provider's API after sign-in, so there is nothing to leak.

export type ConnectedAccount = { provider: string; providerAccountId: string; linkedAt: Date };

export type LinkInput = { userId: string; provider: string; providerAccountId: string; type: string; now: Date };

export type LinkOutcome =
  | { status: 'linked' }
  | { status: 'already-linked' }
  /** The provider account belongs to another of our accounts. */
  | { status: 'linked-elsewhere' }
  /** This account already has a different account at the same provider. */
  | { status: 'provider-taken' };

export type UnlinkOutcome = { status: 'unlinked' } | { status: 'not-linked' } | { status: 'last-method' };

/** The account a provider account is linked to, or null. */
export async function findUserByProviderAccount(q: Queryable, provider: string, providerAccountId: string): Promise<User | null> {
  const [row] = await q
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)));
  return row?.user ?? null;
}

/** Links a provider account to a user; never moves it away from another user. One account per provider. */
export async function linkProviderAccount(q: Queryable, input: LinkInput): Promise<LinkOutcome> {
  const [existing] = await q
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.provider, input.provider), eq(accounts.providerAccountId, input.providerAccountId)));
  if (existing) return existing.userId === input.userId ? { status: 'already-linked' } : { status: 'linked-elsewhere' };
  const [sameProvider] = await q
    .select({ providerAccountId: accounts.providerAccountId })
    .from(accounts)
    .where(and(eq(accounts.userId, input.userId), eq(accounts.provider, input.provider)));
  if (sameProvider) return { status: 'provider-taken' };
  const inserted = await q
    .insert(accounts)
    .values({ userId: input.userId, type: input.type, provider: input.provider, providerAccountId: input.providerAccountId, createdAt: input.now })
    .onConflictDoNothing()
    .returning({ userId: accounts.userId });
  // Lost a race with another link of the same provider account: it is someone's now.
  if (!inserted.length) return linkProviderAccount(q, input);
  return { status: 'linked' };
}

/**
 * Unlinks the user's account at `provider`, unless it is their last way to sign in: an account
 * with no password keeps at least one provider. The user row is locked so two unlinks at once
 * cannot both pass the check.
 */
export async function unlinkProviderAccount(userId: string, provider: string): Promise<UnlinkOutcome> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).for('update');
    if (!user) return { status: 'not-linked' } as const;
    const [linked] = await tx.select({ total: count() }).from(accounts).where(and(eq(accounts.userId, userId), eq(accounts.provider, provider)));
    if (!linked || linked.total === 0) return { status: 'not-linked' } as const;
    const [all] = await tx.select({ total: count() }).from(accounts).where(eq(accounts.userId, userId));
    const remainingWays = (all?.total ?? 0) - linked.total + (user.passwordHash ? 1 : 0);
    if (remainingWays < 1) return { status: 'last-method' } as const;
    await tx.delete(accounts).where(and(eq(accounts.userId, userId), eq(accounts.provider, provider)));
    return { status: 'unlinked' } as const;
  });
}

/** The user's linked provider accounts, oldest first. */
export async function listConnectedAccounts(userId: string): Promise<ConnectedAccount[]> {
  const db = await getDb();
  return db
    .select({ provider: accounts.provider, providerAccountId: accounts.providerAccountId, linkedAt: accounts.createdAt })
    .from(accounts)
    .where(eq(accounts.userId, userId))
    .orderBy(asc(accounts.createdAt));
}
