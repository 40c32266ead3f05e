import 'server-only';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { dormantAccounts, users } from '@/db/schema';

/**
 * Whether an address belongs to an account, live or dormant. A dormant account keeps its address
 * in dormant_accounts (users.email is NULL), and signing up with it must behave as for any
 * existing address, so the person can reactivate instead of losing the old account.
 */
export async function isAddressTaken(q: Queryable, email: string): Promise<boolean> {
  const address = email.trim().toLowerCase();
  const live = await q.select({ id: users.id }).from(users).where(eq(users.email, address)).limit(1);
  if (live.length > 0) return true;
  const dormant = await q.select({ id: dormantAccounts.userId }).from(dormantAccounts).where(eq(dormantAccounts.email, address)).limit(1);
  return dormant.length > 0;
}
