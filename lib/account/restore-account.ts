import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { loginEvents, users } from '@/db/schema';
import type { SignInMethod } from '@/lib/auth/sign-in-method';
import { consumeRestoreTicket, readRestoreTicket } from '@/lib/auth/restore-ticket';
import { needsSecondStep } from '@/lib/two-step/status';
import { deletionDateOf, isWithinWithdrawalGrace } from './deletion-date';

export type RestoreOffer = { userId: string; deletionDate: Date };

/** What /account/restore offers for a restore ticket: the account and its deletion date, or null. */
export async function findRestoreOffer(ticket: string, now: Date): Promise<RestoreOffer | null> {
  const holder = await readRestoreTicket(ticket, now);
  if (!holder) return null;
  const db = await getDb();
  const [user] = await db.select({ withdrawnAt: users.withdrawnAt }).from(users).where(and(eq(users.id, holder.userId), eq(users.status, 'withdrawn')));
  if (!user?.withdrawnAt) return null;
  const deletionDate = deletionDateOf(user.withdrawnAt);
  return deletionDate > now ? { userId: holder.userId, deletionDate } : null;
}

/** method: how the sign-in that follows was earned ('restore', or 'passkey' when a passkey started it). */
export type RestoreAccountInput = { ticket: string; method: SignInMethod; ip: string | null; userAgent: string | null; now: Date };
export type RestoreAccountOutcome = { status: 'restored'; userId: string } | { status: 'invalid' };

/**
 * Reopens a withdrawn account before its deletion date, for the holder of a restore ticket (issued
 * after a correct password at login). Uses the ticket up, bumps session_version and logs the
 * successful login; the caller then opens a session. With two-step on (and no passkey given) the
 * login is not a success yet: it is logged as two_step_required, and last_login_at waits for the
 * second factor, as after a password.
 */
export async function restoreAccount(input: RestoreAccountInput): Promise<RestoreAccountOutcome> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const holder = await consumeRestoreTicket(tx, input.ticket, input.now);
    if (!holder) return { status: 'invalid' as const };
    const [user] = await tx.select().from(users).where(and(eq(users.id, holder.userId), eq(users.status, 'withdrawn'))).for('update');
    if (!user || !isWithinWithdrawalGrace(user.withdrawnAt, input.now)) return { status: 'invalid' as const };
    const held = await needsSecondStep(tx, user.id, input.method);
    await tx
      .update(users)
      .set({
        status: 'active',
        withdrawnAt: null,
        withdrawalReason: null,
        ...(held ? {} : { lastLoginAt: input.now }),
        sessionVersion: sql`${users.sessionVersion} + 1`,
      })
      .where(eq(users.id, user.id));
    await tx.insert(loginEvents).values({
      userId: user.id,
      email: user.email,
      ip: input.ip,
      userAgent: input.userAgent,
      success: !held,
      reason: held ? 'two_step_required' : 'ok',
      createdAt: input.now,
    });
    return { status: 'restored' as const, userId: user.id };
  });
}

/** "Keep it closed": the ticket is used up so it cannot restore later. */
export async function declineRestore(ticket: string, now: Date): Promise<void> {
  await consumeRestoreTicket(await getDb(), ticket, now);
}
