import 'server-only';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { passkeys, users } from '@/db/schema';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { noteFactorRemoved } from '@/lib/two-step/turn-off';
import { twoStepStatus } from '@/lib/two-step/status';
import { verifyPasskeyAssertion } from './assertion';

export type RemovePasskeyOutcome = { status: 'removed'; twoStepOff: boolean } | { status: 'not-found' } | { status: 'passkey-required' } | { status: 'passkey-invalid' };

/** Whether this passkey is the account's last factor: removing it turns two-step off. */
export async function isLastFactor(userId: string): Promise<boolean> {
  const status = await twoStepStatus(await getDb(), userId);
  return !status.totp && status.passkeys <= 1;
}

/**
 * Removes one of the person's passkeys (the caller has checked the fresh sign-in and the
 * confirmation). The last factor goes only with a passkey assertion of the person's own, as
 * turning two-step off asks; then two-step is off (noteFactorRemoved, same transaction) and mailed.
 */
export async function removePasskey(input: { userId: string; passkeyId: string; assertion: AuthenticationResponseJSON | null; now: Date }): Promise<RemovePasskeyOutcome> {
  const { userId, now } = input;
  const proven = input.assertion ? (await verifyPasskeyAssertion({ purpose: 'step_up', userId }, input.assertion, now)).status === 'verified' : false;
  const db = await getDb();
  const outcome = await db.transaction(async (tx): Promise<RemovePasskeyOutcome> => {
    // One removal at a time per account, so two cannot both think the other passkey remains.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    const [passkey] = await tx.select({ id: passkeys.id }).from(passkeys).where(and(eq(passkeys.id, input.passkeyId), eq(passkeys.userId, userId)));
    if (!passkey) return { status: 'not-found' };
    const status = await twoStepStatus(tx, userId);
    const last = !status.totp && status.passkeys <= 1;
    if (last && !input.assertion) return { status: 'passkey-required' };
    if (last && !proven) return { status: 'passkey-invalid' };
    await tx.delete(passkeys).where(eq(passkeys.id, passkey.id));
    await noteFactorRemoved(tx, userId, now);
    return { status: 'removed', twoStepOff: last };
  });
  // The two-step-off mail goes now, not at the next cron run.
  if (outcome.status === 'removed' && outcome.twoStepOff) deliverSoon();
  return outcome;
}
