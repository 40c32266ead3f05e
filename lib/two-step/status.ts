import 'server-only';
import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import type { TicketMethod } from '@/lib/auth/login-ticket';
import { recoveryCodes, userTotp } from '@/db/schema';
import { countPasskeys } from '@/lib/passkeys/passkey-factor';

export type TwoStepStatus = { on: boolean; totp: boolean; passkeys: number; recoveryCodesLeft: number };

/** Whether two-step is on for the account (an enabled authenticator app or at least one passkey), and what it has. */
export async function twoStepStatus(q: Queryable, userId: string): Promise<TwoStepStatus> {
  const [[totp], [codes], passkeys] = await Promise.all([
    q.select({ enabled: count() }).from(userTotp).where(and(eq(userTotp.userId, userId), isNotNull(userTotp.enabledAt))),
    q.select({ left: count() }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))),
    countPasskeys(q, userId),
  ]);
  const hasTotp = (totp?.enabled ?? 0) > 0;
  return { on: hasTotp || passkeys > 0, totp: hasTotp, passkeys, recoveryCodesLeft: codes?.left ?? 0 };
}

/** twoStepStatus on the app's database, for pages and actions. */
export async function getTwoStepStatus(userId: string): Promise<TwoStepStatus> {
  return twoStepStatus(await getDb(), userId);
}

/** Whether a sign-in begun this way must still give the second factor: two-step is on, and it was no passkey (multi-factor in itself). */
export async function needsSecondStep(q: Queryable, userId: string, method: TicketMethod): Promise<boolean> {
  return method !== 'passkey' && (await twoStepStatus(q, userId)).on;
}
