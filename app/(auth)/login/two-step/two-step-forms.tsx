'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { idleState } from '@/lib/forms/action-state';
import { verifyTwoStepCode, verifyTwoStepRecoveryCode } from './actions';

export function TwoStepCodeForm() {
  const t = useTranslations('twoStep');
  const [state, action] = useActionState(verifyTwoStepCode, idleState);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field name="code" label={t('code')} hint={t('codeHint')} state={state} inputMode="numeric" autoComplete="one-time-code" maxLength={8} required autoFocus />
      <SubmitButton>{t('verify')}</SubmitButton>
    </form>
  );
}

export function TwoStepRecoveryForm() {
  const t = useTranslations('twoStep');
  const [state, action] = useActionState(verifyTwoStepRecoveryCode, idleState);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field name="recoveryCode" label={t('recoveryCode')} hint={t('recoveryCodeHint')} state={state} autoComplete="off" autoCapitalize="characters" maxLength={20} required autoFocus />
      <SubmitButton>{t('verify')}</SubmitButton>
    </form>
  );
}
