'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useState } from 'react';
import { passkeyConfirmationOptions, submitPasskeyStepUp } from '@/app/[locale]/(account)/account/security/actions';
import { FormMessage } from '@/components/form/form-message';
import { runAssertion } from '@/components/passkeys/webauthn-ceremony';
import { type ActionState, errorState, idleState } from '@/lib/forms/action-state';
import { useFormAction } from '@/components/form/use-form-action';

/**
 * "Confirm with a passkey" beside a form that asks for the current password or a fresh sign-in:
 * an assertion of one of the signed-in person's passkeys counts as the reauthentication, then the
 * page at `next` loads again without asking.
 */
export function PasskeyStepUp({ next }: { next: string }) {
  const t = useTranslations('passkeys.stepUp');
  const [state, action, pending] = useFormAction(submitPasskeyStepUp);
  const [notice, setNotice] = useState<ActionState>(idleState);

  async function confirm() {
    setNotice(idleState);
    const result = await runAssertion(passkeyConfirmationOptions);
    if (result.status !== 'ok') {
      setNotice(errorState({ formError: result.status === 'cancelled' ? t('cancelled') : (result.message ?? t('failed')) }));
      return;
    }
    const form = new FormData();
    form.set('response', result.response);
    form.set('next', next);
    startTransition(() => action(form));
  }

  return (
    <div className="stack">
      <FormMessage state={notice.status === 'error' ? notice : state} />
      <button type="button" className="secondary" onClick={() => void confirm()} disabled={pending} aria-disabled={pending}>
        {t('button')}
      </button>
    </div>
  );
}
