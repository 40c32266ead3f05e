'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useState } from 'react';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { runRegistration } from '@/components/passkeys/webauthn-ceremony';
import { RecoveryCodesDisplay } from '@/components/two-step/recovery-codes-display';
import { type ActionState, errorState, idleState } from '@/lib/forms/action-state';
import { passkeyRegistrationOptions, submitAddPasskey } from './actions';
import { useFormAction } from '@/components/form/use-form-action';

/** Add a passkey: a name (defaulting to this browser and system), then the browser creates the passkey. */
export function AddPasskeyForm({ defaultName }: { defaultName: string }) {
  const t = useTranslations('passkeys.add');
  const [state, action, pending] = useFormAction(submitAddPasskey);
  const [notice, setNotice] = useState<ActionState>(idleState);
  const [busy, setBusy] = useState(false);

  async function add(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setNotice(idleState);
    setBusy(true);
    const result = await runRegistration(passkeyRegistrationOptions);
    setBusy(false);
    if (result.status !== 'ok') {
      setNotice(errorState({ formError: result.status === 'cancelled' ? t('cancelled') : (result.message ?? t('failed')) }));
      return;
    }
    form.set('response', result.response);
    startTransition(() => action(form));
  }

  const fieldState = state.status === 'added' ? idleState : state;
  return (
    <div className="stack">
      <h3>{t('heading')}</h3>
      {state.status === 'added' ? (
        <div className="stack">
          <div role="status" className="notice success">
            {state.message}
          </div>
          {state.recoveryCodes ? <RecoveryCodesDisplay codes={state.recoveryCodes} /> : null}
        </div>
      ) : (
        <FormMessage state={notice.status === 'error' ? notice : fieldState} />
      )}
      <form onSubmit={(event) => void add(event)} className="stack" noValidate>
        <Field name="name" label={t('name')} defaultValue={defaultName} maxLength={64} required state={fieldState} />
        <button type="submit" disabled={pending || busy} aria-disabled={pending || busy}>
          {t('submit')}
        </button>
      </form>
    </div>
  );
}
