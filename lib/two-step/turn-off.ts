import 'server-only';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { eq } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import { users } from '@/db/schema';
import { verifyPasskeyAssertion } from '@/lib/passkeys/assertion';
import { removeTotp } from './authenticator';
import { mailOwner, resetUrl, securityUrl } from './mail';
import { voidRecoveryCodes } from './recovery-codes';
import { twoStepStatus } from './status';
import { checkCurrentCode } from './step-up';

/**
 * Called in the transaction that removed a factor (the app turned off, a passkey removed): when
 * none is left, two-step is off, so the recovery codes are voided and the owner is told. True then.
 */
export async function noteFactorRemoved(q: Queryable, userId: string, now: Date, by: 'you' | 'admin' = 'you'): Promise<boolean> {
  if ((await twoStepStatus(q, userId)).on) return false;
  await voidRecoveryCodes(q, userId, now);
  await mailOwner(q, userId, 'two-step-off', (name) => ({ name, changedAt: now.toISOString(), by, securityUrl: securityUrl(), resetUrl: resetUrl() }), now.toISOString());
  return true;
}

/** What proves it is the person turning the app off: a current code of that app, or one of their passkeys. */
export type TurnOffProof = { kind: 'code'; code: string } | { kind: 'passkey'; assertion: AuthenticationResponseJSON };

export type TurnOffOutcome =
  | { status: 'off'; twoStepOff: boolean }
  | { status: 'not-on' }
  | { status: 'wrong-code' }
  | { status: 'too-many-attempts' }
  | { status: 'passkey-invalid' };

/**
 * Turn off the authenticator app (the fresh sign-in or password is the caller's check). A wrong
 * code counts towards REAUTH_FAILURE_LIMIT like a wrong password; a passkey must be the person's
 * own, answering a step-up challenge (single use). With the last factor two-step is off and mailed.
 */
export async function turnOffTotp(input: { userId: string; proof: TurnOffProof; now: Date }): Promise<TurnOffOutcome> {
  const { userId, proof, now } = input;
  if (proof.kind === 'code') {
    const check = await checkCurrentCode(userId, proof.code, now);
    if (check !== 'correct') return { status: check };
  } else if ((await verifyPasskeyAssertion({ purpose: 'step_up', userId }, proof.assertion, now)).status !== 'verified') {
    return { status: 'passkey-invalid' };
  }
  const db = await getDb();
  return db.transaction(async (tx): Promise<TurnOffOutcome> => {
    // Taken in turn with removePasskey's lock: a passkey removed at the same moment cannot leave
    // both believing the other factor remains (two-step off without its mail).
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
    if (!(await removeTotp(tx, userId))) return { status: 'not-on' };
    return { status: 'off', twoStepOff: await noteFactorRemoved(tx, userId, now) };
  });
}
