import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { dormantAccounts, users } from '@/db/schema';

/** Whether an address is free: no other live account and no dormant account holds it. */
export async function isEmailAvailable(q: Queryable, email: string, exceptUserId: string): Promise<boolean> {
  const [live] = await q
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email), ne(users.id, exceptUserId)))
    .limit(1);
  if (live) return false;
  const [dormant] = await q.select({ id: dormantAccounts.userId }).from(dormantAccounts).where(eq(dormantAccounts.email, email)).limit(1);
  return !dormant;
}

/** A unique-constraint violation (SQLSTATE 23505), whichever driver raised it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (current.code === '23505') return true;
  }
  return false;
}
