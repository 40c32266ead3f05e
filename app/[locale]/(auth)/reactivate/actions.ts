'use server';

import { z } from 'zod';
import { formAction } from '@/lib/actions/form-action';
import { completeSignIn } from '@/lib/auth/complete-sign-in';
import { errorState } from '@/lib/forms/action-state';
import { signInMethodForTicket } from '@/lib/passkeys/passkey-proof';
import { completeReactivation } from '@/lib/retention/reactivation';
import { clearReactivationCookie, readReactivationCookie } from '@/lib/retention/reactivation-cookie';

const reactivateSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'reactivate.codeInvalid') });

/** /reactivate: checks the mailed code for the ticket in the cookie; on success signs the person in. */
export const reactivate = formAction({ audience: 'visitor', schema: reactivateSchema, input: (formData) => ({ code: formData.get('code') ?? '' }) }, async ({ input: { code }, t }) => {
  const ticket = await readReactivationCookie();
  if (!ticket) return errorState({ formError: t('reactivate.invalid') });

  const outcome = await completeReactivation({ ticket, code, now: new Date() });
  switch (outcome.status) {
    case 'reactivated':
      await clearReactivationCookie();
      // Started by a passkey: both factors were given already.
      return completeSignIn(outcome.userId, '/account', await signInMethodForTicket(ticket, 'reactivation'));
    case 'wrong-code':
      return errorState({ fieldErrors: { code: [t('reactivate.wrongCode', { attemptsLeft: outcome.attemptsLeft })] } });
    case 'expired':
      await clearReactivationCookie();
      return errorState({ formError: t('reactivate.expired') });
    case 'too-many-attempts':
      await clearReactivationCookie();
      return errorState({ formError: t('reactivate.tooManyAttempts') });
    case 'too-many-wrong-codes-today':
      await clearReactivationCookie();
      return errorState({ formError: t('sendLimits.reactivationWrongCodes') });
    case 'invalid':
      await clearReactivationCookie();
      return errorState({ formError: t('reactivate.invalid') });
  }
});
