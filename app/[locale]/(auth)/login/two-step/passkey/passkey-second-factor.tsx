'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useState } from 'react';
import { FormMessage } from '@/components/form/form-message';
import { runAssertion } from '@/components/passkeys/webauthn-ceremony';
import { type ActionState, errorState, idleState } from '@/lib/forms/action-state';
import { passkeySecondFactorOptions, submitPasskeySecondFactor } from '../../../actions';
import { useFormAction } from '@/components/form/use-form-action';

/** The "Use a passkey" button of the second step: an assertion limited to the pending account's passkeys. */
export function PasskeySecondFactor() {
  const t = useTranslations('passkeys.secondFactor');
  const [state, action, pending] = useFormAction(submitPasskeySecondFactor);
  const [notice, setNotice] = useState<ActionState>(idleState);

  async function verify() {
    setNotice(idleState);
    const result = await runAssertion(passkeySecondFactorOptions);
    if (result.status !== 'ok') {
      setNotice(errorState({ formError: result.status === 'cancelled' ? t('cancelled') : (result.message ?? t('failed')) }));
      return;
    }
    const form = new FormData();
    form.set('response', result.response);
    startTransition(() => action(form));
  }

  return (
    <div className="stack">
      <FormMessage state={notice.status === 'error' ? notice : state} />
      <button type="button" onClick={() => void verify()} disabled={pending} aria-disabled={pending}>
        {t('button')}
      </button>
    </div>
  );
}
