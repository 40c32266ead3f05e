'use client';

import { useTranslations } from 'next-intl';
import { useFormAction } from '@/components/form/use-form-action';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { verifyTwoStepCode, verifyTwoStepRecoveryCode } from './actions';

export function TwoStepCodeForm() {
  const t = useTranslations('twoStep');
  const [state, action] = useFormAction(verifyTwoStepCode);
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
  const [state, action] = useFormAction(verifyTwoStepRecoveryCode);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field name="recoveryCode" label={t('recoveryCode')} hint={t('recoveryCodeHint')} state={state} autoComplete="off" autoCapitalize="characters" maxLength={20} required autoFocus />
      <SubmitButton>{t('verify')}</SubmitButton>
    </form>
  );
}
