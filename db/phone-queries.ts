import 'server-only';
import { and, desc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm';
import type { Queryable, Transaction } from './index';
import { dormantAccounts, phoneCodes, users } from './schema';

/** Makes concurrent changes about one number take turns until the transaction ends. */
export async function lockPhoneNumber(tx: Transaction, phone: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`phone:${phone}`}, 0))`);
}

/** Whether another account, live or dormant, has this number verified: the one rule for "taken". */
export async function isPhoneVerifiedElsewhere(q: Queryable, phone: string, userId: string): Promise<boolean> {
  const [live] = await q
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.phone, phone), isNotNull(users.phoneVerifiedAt), ne(users.id, userId)))
    .limit(1);
  if (live) return true;
  const [dormant] = await q
    .select({ id: dormantAccounts.userId })
    .from(dormantAccounts)
    .where(and(eq(dormantAccounts.phone, phone), isNotNull(dormantAccounts.phoneVerifiedAt), ne(dormantAccounts.userId, userId)))
    .limit(1);
  return Boolean(dormant);
}

export type PhoneCode = typeof phoneCodes.$inferSelect;

/** The person's newest code that is not used up, locked for the check. */
export async function latestOpenPhoneCode(tx: Transaction, userId: string): Promise<PhoneCode | undefined> {
  const [row] = await tx
    .select()
    .from(phoneCodes)
    .where(and(eq(phoneCodes.userId, userId), isNull(phoneCodes.usedAt)))
    .orderBy(desc(phoneCodes.createdAt))
    .limit(1)
    .for('update');
  return row;
}

/** The person's newest code (open or not): when it was asked for, and for which number. */
export async function latestPhoneCode(q: Queryable, userId: string): Promise<Pick<PhoneCode, 'phone' | 'createdAt' | 'expiresAt' | 'usedAt'> | undefined> {
  const [row] = await q
    .select({ phone: phoneCodes.phone, createdAt: phoneCodes.createdAt, expiresAt: phoneCodes.expiresAt, usedAt: phoneCodes.usedAt })
    .from(phoneCodes)
    .where(eq(phoneCodes.userId, userId))
    .orderBy(desc(phoneCodes.createdAt))
    .limit(1);
  return row;
}

/** Ends every open code of the person (a new code was sent, or the number was verified). */
export async function closePhoneCodes(q: Queryable, userId: string, now: Date): Promise<void> {
  await q.update(phoneCodes).set({ usedAt: now }).where(and(eq(phoneCodes.userId, userId), isNull(phoneCodes.usedAt)));
}
