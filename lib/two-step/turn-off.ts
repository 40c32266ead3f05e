import 'server-only';
import { getDb, type Queryable } from '@/db';
import { removeTotp } from './authenticator';
import { mailOwner, resetUrl, securityUrl } from './mail';
import { voidRecoveryCodes } from './recovery-codes';
import { twoStepStatus } from './status';

/**
 * Called in the transaction that removed a factor (the app turned off, a passkey removed): when
 * none is left, two-step is off, so the recovery codes are voided and the owner is told.
 */
export async function noteFactorRemoved(q: Queryable, userId: string, now: Date, by: 'you' | 'admin' = 'you'): Promise<void> {
  if ((await twoStepStatus(q, userId)).on) return;
  await voidRecoveryCodes(q, userId, now);
  await mailOwner(q, userId, 'two-step-off', (name) => ({ name, changedAt: now.toISOString(), by, securityUrl: securityUrl(), resetUrl: resetUrl() }), now.toISOString());
}

/** Turn off (the checks are the caller's): the app goes, and with the last factor two-step is off and mailed. */
export async function turnOffTotp(userId: string, now: Date): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    if (await removeTotp(tx, userId)) await noteFactorRemoved(tx, userId, now);
  });
}
