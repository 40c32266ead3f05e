import 'server-only';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import { authTokens } from '@/db/schema';

export type PendingEmailChange = { newEmail: string; expiresAt: Date };

/** The email change waiting for its link to be opened, if any. */
export async function findPendingEmailChange(userId: string, now: Date): Promise<PendingEmailChange | null> {
  const db = await getDb();
  const [row] = await db
    .select({ newEmail: authTokens.newEmail, expiresAt: authTokens.expiresAt })
    .from(authTokens)
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, 'change_email'), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .orderBy(desc(authTokens.createdAt))
    .limit(1);
  return row?.newEmail ? { newEmail: row.newEmail, expiresAt: row.expiresAt } : null;
}

/** Voids every open email-change link of a user. */
export async function voidEmailChangeLinks(q: Queryable, userId: string, now: Date): Promise<number> {
  const voided = await q
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, 'change_email'), isNull(authTokens.usedAt)))
    .returning({ id: authTokens.id });
  return voided.length;
}

/** The person's Cancel on /account: the link already sent stops working. */
export async function cancelEmailChange(userId: string, now: Date): Promise<{ status: 'cancelled' } | { status: 'none' }> {
  const db = await getDb();
  return (await voidEmailChangeLinks(db, userId, now)) ? { status: 'cancelled' } : { status: 'none' };
}
