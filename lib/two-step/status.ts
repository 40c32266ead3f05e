import 'server-only';
import { and, eq, exists, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { getDb, type Database, type Queryable } from '@/db';
import type { SignInMethod } from '@/lib/auth/sign-in-method';
import { passkeys, recoveryCodes, users, userTotp } from '@/db/schema';

export type TwoStepStatus = { on: boolean; totp: boolean; passkeys: number; recoveryCodesLeft: number };

/** Whether two-step is on for the account (an enabled authenticator app or at least one passkey), and what it has. */
export async function twoStepStatus(q: Queryable, userId: string): Promise<TwoStepStatus> {
  // One statement (every sign-in asks, twice): the three counts as subqueries on the account's row.
  const [row] = await q
    .select({
      totp: q.$count(userTotp, and(eq(userTotp.userId, userId), isNotNull(userTotp.enabledAt))),
      recoveryCodesLeft: q.$count(recoveryCodes, and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))),
      passkeys: q.$count(passkeys, eq(passkeys.userId, userId)),
    })
    .from(users)
    .where(eq(users.id, userId));
  const hasTotp = (row?.totp ?? 0) > 0;
  const passkeyCount = row?.passkeys ?? 0;
  return { on: hasTotp || passkeyCount > 0, totp: hasTotp, passkeys: passkeyCount, recoveryCodesLeft: row?.recoveryCodesLeft ?? 0 };
}

/**
 * twoStepStatus(…).on as a column of a query on users, for the login form's lookup of the account,
 * which asks it in the same statement. `q` builds the subqueries (a query builder, never run).
 */
export function twoStepOnColumn(q: Database): SQL<boolean> {
  return or(
    exists(q.select({ one: userTotp.userId }).from(userTotp).where(and(eq(userTotp.userId, users.id), isNotNull(userTotp.enabledAt)))),
    exists(q.select({ one: passkeys.userId }).from(passkeys).where(eq(passkeys.userId, users.id))),
  ) as SQL<boolean>;
}

/** twoStepStatus on the app's database, for pages and actions. */
export async function getTwoStepStatus(userId: string): Promise<TwoStepStatus> {
  return twoStepStatus(await getDb(), userId);
}

/** Whether a sign-in begun this way must still give the second factor: two-step is on, and it was no passkey (multi-factor in itself). */
export async function needsSecondStep(q: Queryable, userId: string, method: SignInMethod): Promise<boolean> {
  return method !== 'passkey' && (await twoStepStatus(q, userId)).on;
}
