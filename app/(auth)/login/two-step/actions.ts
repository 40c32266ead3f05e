'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { errorState, fieldErrorsOf, type ActionState } from '@/lib/forms/action-state';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { checkSignInCode } from '@/lib/two-step/authenticator';
import { completePendingTwoStep, failPendingTwoStep, readPendingTwoStep } from '@/lib/two-step/login-ticket';
import { redeemSignInRecoveryCode } from '@/lib/two-step/recovery-codes';
import { recoveryCodeSchema, totpCodeSchema } from '@/lib/validation/two-step';

// /login/two-step: the second factor of a sign-in waiting in this browser's ticket cookie. No
// session exists yet; a ticket that ended (used, expired, five wrong codes, a lock) goes back to /login.

const ENDED = '/login?twoStep=ended';

async function refuse(t: Awaited<ReturnType<typeof getTranslations>>, field: 'code' | 'recoveryCode'): Promise<ActionState> {
  if ((await failPendingTwoStep('two_step_failed')) === 'ended') redirect(ENDED);
  return errorState({ fieldErrors: { [field]: [t(field === 'code' ? 'twoStep.wrongCode' : 'twoStep.wrongRecoveryCode')] } });
}

export async function verifyTwoStepCode(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const t = await getTranslations();
  const parsed = z.object({ code: totpCodeSchema }).safeParse({ code: formData.get('code') ?? '' });
  if (!parsed.success) return errorState({ fieldErrors: fieldErrorsOf(parsed.error, t) });
  const pending = await readPendingTwoStep();
  if (!pending) redirect(ENDED);
  if (await checkSignInCode(pending.userId, parsed.data.code, new Date())) return completePendingTwoStep('totp');
  return refuse(t, 'code');
}

export async function verifyTwoStepRecoveryCode(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const t = await getTranslations();
  const parsed = z.object({ recoveryCode: recoveryCodeSchema }).safeParse({ recoveryCode: formData.get('recoveryCode') ?? '' });
  if (!parsed.success) return errorState({ fieldErrors: fieldErrorsOf(parsed.error, t) });
  const pending = await readPendingTwoStep();
  if (!pending) redirect(ENDED);
  const used = await redeemSignInRecoveryCode(pending.userId, parsed.data.recoveryCode, new Date());
  if (used.status === 'used') {
    deliverSoon();
    return completePendingTwoStep('recovery_code');
  }
  return refuse(t, 'recoveryCode');
}
