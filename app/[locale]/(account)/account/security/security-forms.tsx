'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useFormAction } from '@/components/form/use-form-action';
import { type ReactNode, startTransition, useRef, useState } from 'react';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { runAssertion } from '@/components/passkeys/webauthn-ceremony';
import { RecoveryCodesDisplay } from '@/components/two-step/recovery-codes-display';
import { type ActionState, errorState, idleState } from '@/lib/forms/action-state';
import { type CodesState, generateRecoveryCodes, passkeyConfirmationOptions, startAuthenticatorSetup, turnOffAuthenticator, turnOnAuthenticator } from './actions';

type ConfirmProps = {
  /** Ask for the current password: the sign-in is not fresh and the account has one. */
  askPassword: boolean;
  /** Offered when the action finds the sign-in stale and there is no password to ask. */
  reauthenticate?: ReactNode;
};

function asForm(state: CodesState): ActionState {
  return state.status === 'codes' ? idleState : state;
}

function PasswordField({ askPassword, state }: { askPassword: boolean; state: ActionState }) {
  const t = useTranslations('security');
  return askPassword ? <Field name="currentPassword" label={t('currentPassword')} type="password" autoComplete="current-password" required state={state} /> : null;
}

function Stale({ state, reauthenticate }: { state: ActionState; reauthenticate?: ReactNode }) {
  return state.status === 'error' && state.code === 'stale-sign-in' ? reauthenticate : null;
}

export function StartSetupForm({ askPassword, reauthenticate }: ConfirmProps) {
  const t = useTranslations('security.app');
  const [state, action] = useFormAction(startAuthenticatorSetup);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Stale state={state} reauthenticate={reauthenticate} />
      <PasswordField askPassword={askPassword} state={state} />
      <SubmitButton>{t('setUp')}</SubmitButton>
    </form>
  );
}

export function TurnOnForm() {
  const t = useTranslations('security');
  const [state, action] = useFormAction(turnOnAuthenticator);
  if (state.status === 'codes') {
    return (
      <div className="stack">
        <p role="status" className="notice success">
          {t('app.turnedOn')}
        </p>
        <h3>{t('codesTitle')}</h3>
        <RecoveryCodesDisplay codes={state.codes} />
        <p>
          <Link prefetch={false} href="/account/security">{t('codes.done')}</Link>
        </p>
      </div>
    );
  }
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field name="code" label={t('app.code')} hint={t('app.codeHint')} state={state} inputMode="numeric" autoComplete="one-time-code" maxLength={8} required />
      <SubmitButton>{t('app.turnOn')}</SubmitButton>
    </form>
  );
}

/**
 * Turn off the authenticator app: a current code, or (offered only when the account has one) a
 * passkey, whose answer goes in place of the code with whatever else the form holds.
 */
export function TurnOffForm({ askPassword, reauthenticate, hasPasskeys }: ConfirmProps & { hasPasskeys: boolean }) {
  const t = useTranslations('security.app');
  const tPasskey = useTranslations('passkeys.stepUp');
  const [state, action, pending] = useFormAction(turnOffAuthenticator);
  const [notice, setNotice] = useState<ActionState>(idleState);
  const formRef = useRef<HTMLFormElement>(null);

  async function turnOffWithPasskey() {
    if (!formRef.current) return;
    setNotice(idleState);
    const form = new FormData(formRef.current);
    const result = await runAssertion(passkeyConfirmationOptions);
    if (result.status !== 'ok') {
      setNotice(errorState({ formError: result.status === 'cancelled' ? tPasskey('cancelled') : (result.message ?? tPasskey('failed')) }));
      return;
    }
    form.delete('code');
    form.set('response', result.response);
    startTransition(() => action(form));
  }

  return (
    <form ref={formRef} action={action} onSubmit={() => setNotice(idleState)} className="stack" noValidate aria-label={t('turnOff')}>
      <FormMessage state={notice.status === 'error' ? notice : state} />
      <Stale state={state} reauthenticate={reauthenticate} />
      <PasswordField askPassword={askPassword} state={state} />
      <Field name="code" label={t('code')} hint={t(hasPasskeys ? 'turnOffHintOrPasskey' : 'turnOffHint')} state={state} inputMode="numeric" autoComplete="one-time-code" maxLength={8} required />
      <SubmitButton className="danger">{t('turnOff')}</SubmitButton>
      {hasPasskeys ? (
        <button type="button" className="secondary" onClick={() => void turnOffWithPasskey()} disabled={pending} aria-disabled={pending}>
          {t('turnOffWithPasskey')}
        </button>
      ) : null}
    </form>
  );
}

export function GenerateCodesForm({ askPassword, reauthenticate }: ConfirmProps) {
  const t = useTranslations('security.codes');
  const [state, action] = useFormAction(generateRecoveryCodes);
  if (state.status === 'codes') {
    return (
      <div className="stack">
        <RecoveryCodesDisplay codes={state.codes} />
        <p>
          <Link prefetch={false} href="/account/security">{t('done')}</Link>
        </p>
      </div>
    );
  }
  const formState = asForm(state);
  return (
    <form action={action} className="stack" noValidate aria-label={t('generate')}>
      <FormMessage state={formState} />
      <Stale state={formState} reauthenticate={reauthenticate} />
      <PasswordField askPassword={askPassword} state={formState} />
      <SubmitButton>{t('generate')}</SubmitButton>
    </form>
  );
}
