'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { formAction, type Translate } from '@/lib/actions/form-action';
import { errorState, type ActionState } from '@/lib/forms/action-state';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { checkSignInCode } from '@/lib/two-step/authenticator';
import { completePendingTwoStep, failPendingTwoStep, readPendingTwoStep } from '@/lib/two-step/login-ticket';
import { redeemSignInRecoveryCode } from '@/lib/two-step/recovery-codes';
import { recoveryCodeSchema, totpCodeSchema } from '@/lib/validation/two-step';

// /login/two-step: the second factor of a sign-in waiting in this browser's ticket cookie. No
// session exists yet; a ticket that ended (used, expired, five wrong codes, a lock) goes back to /login.

const ENDED = '/login?twoStep=ended';

async function refuse(t: Translate, field: 'code' | 'recoveryCode'): Promise<ActionState> {
  if ((await failPendingTwoStep('two_step_failed')) === 'ended') redirect(ENDED);
  return errorState({ fieldErrors: { [field]: [t(field === 'code' ? 'twoStep.wrongCode' : 'twoStep.wrongRecoveryCode')] } });
}

export const verifyTwoStepCode = formAction(
  { audience: 'visitor', schema: z.object({ code: totpCodeSchema }), input: (formData) => ({ code: formData.get('code') ?? '' }) },
  async ({ input: { code }, t }) => {
    const pending = await readPendingTwoStep();
    if (!pending) redirect(ENDED);
    if (await checkSignInCode(pending.userId, code, new Date())) return completePendingTwoStep('totp');
    return refuse(t, 'code');
  },
);

export const verifyTwoStepRecoveryCode = formAction(
  { audience: 'visitor', schema: z.object({ recoveryCode: recoveryCodeSchema }), input: (formData) => ({ recoveryCode: formData.get('recoveryCode') ?? '' }) },
  async ({ input: { recoveryCode }, t }) => {
    const pending = await readPendingTwoStep();
    if (!pending) redirect(ENDED);
    const used = await redeemSignInRecoveryCode(pending.userId, recoveryCode, new Date());
    if (used.status === 'used') {
      deliverSoon();
      return completePendingTwoStep('recovery_code');
    }
    return refuse(t, 'recoveryCode');
  },
);
