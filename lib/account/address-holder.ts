import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { dormantAccounts, users } from '@/db/schema';

/**
 * The account holding an address, live or dormant, or null when it is free. A dormant account
 * keeps its address in dormant_accounts (users.email is NULL), and the address stays its own: a
 * sign-up, an email change or a provider sign-in with it must behave as for any taken address, so
 * the person can reactivate instead of losing the old account. `exceptUserId` leaves out one live
 * account (the person changing their own address).
 */
export async function findAddressHolder(q: Queryable, email: string, options: { exceptUserId?: string } = {}): Promise<string | null> {
  const address = email.trim().toLowerCase();
  const sameAddress = eq(users.email, address);
  const [live] = await q
    .select({ id: users.id })
    .from(users)
    .where(options.exceptUserId ? and(sameAddress, ne(users.id, options.exceptUserId)) : sameAddress)
    .limit(1);
  if (live) return live.id;
  const [dormant] = await q.select({ id: dormantAccounts.userId }).from(dormantAccounts).where(eq(dormantAccounts.email, address)).limit(1);
  return dormant?.id ?? null;
}

/** Whether an address belongs to an account, live or dormant (see findAddressHolder). */
export async function isAddressTaken(q: Queryable, email: string, options: { exceptUserId?: string } = {}): Promise<boolean> {
  return (await findAddressHolder(q, email, options)) !== null;
}
