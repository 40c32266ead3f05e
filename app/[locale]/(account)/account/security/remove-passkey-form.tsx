'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, useTransition } from 'react';
import { FieldErrors } from '@/components/form/field-parts';
import { FormMessage } from '@/components/form/form-message';
import { runAssertion } from '@/components/passkeys/webauthn-ceremony';
import { type ActionState, errorState, idleState } from '@/lib/forms/action-state';
import { passkeyConfirmationOptions, submitRemovePasskey } from './actions';

/**
 * Remove, behind a confirmation box. The last factor of the account is removed only after the
 * person confirms with that passkey (removing it turns two-step off). The list shows the result:
 * this form goes with its row.
 */
export function RemovePasskeyForm(props: { passkeyId: string; name: string; lastFactor: boolean; onRemoved: (message: string) => void }) {
  const { passkeyId, name, lastFactor, onRemoved } = props;
  const t = useTranslations('passkeys.remove');
  const [state, setState] = useState<ActionState>(idleState);
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<ActionState>(idleState);
  const id = useId();
  const errors = state.status === 'error' ? (state.fieldErrors.confirm ?? []) : [];

  async function remove(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setNotice(idleState);
    if (lastFactor && form.get('confirm') === 'on') {
      const result = await runAssertion(passkeyConfirmationOptions);
      if (result.status !== 'ok') {
        setNotice(errorState({ formError: result.status === 'cancelled' ? t('cancelled') : (result.message ?? t('passkeyInvalid')) }));
        return;
      }
      form.set('response', result.response);
    }
    startTransition(async () => {
      const result = await submitRemovePasskey(idleState, form);
      if (result.status === 'success') onRemoved(result.message ?? '');
      else setState(result);
    });
  }

  return (
    <form onSubmit={(event) => void remove(event)} className="stack" noValidate>
      <FormMessage state={notice.status === 'error' ? notice : state} />
      <input type="hidden" name="passkeyId" value={passkeyId} />
      {lastFactor ? <p className="muted">{t('lastFactor')}</p> : null}
      <div className="field checkbox">
        <input id={`${id}-confirm`} type="checkbox" name="confirm" aria-invalid={errors.length > 0} aria-describedby={errors.length ? `${id}-error` : undefined} />
        <label htmlFor={`${id}-confirm`}>{t('confirm', { name })}</label>
        <FieldErrors id={`${id}-error`} errors={errors} />
      </div>
      <button type="submit" className="danger" disabled={pending} aria-disabled={pending}>
        {t('button')}
      </button>
    </form>
  );
}
