'use client';

import { useTranslations } from 'next-intl';
import type { ComponentProps } from 'react';
import { useFormAction } from '@/components/form/use-form-action';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { verifyTwoStepCode, verifyTwoStepRecoveryCode } from './actions';

export function TwoStepCodeForm() {
  const t = useTranslations('twoStep');
  return <SecondStepForm action={verifyTwoStepCode} name="code" label={t('code')} hint={t('codeHint')} inputMode="numeric" autoComplete="one-time-code" maxLength={8} />;
}

export function TwoStepRecoveryForm() {
  const t = useTranslations('twoStep');
  return <SecondStepForm action={verifyTwoStepRecoveryCode} name="recoveryCode" label={t('recoveryCode')} hint={t('recoveryCodeHint')} autoComplete="off" autoCapitalize="characters" maxLength={20} />;
}

/** The second step's one-field form: the code (or recovery code) and Verify. */
function SecondStepForm({ action, ...field }: Omit<ComponentProps<typeof Field>, 'state'> & { action: typeof verifyTwoStepCode }) {
  const t = useTranslations('twoStep');
  const [state, formAction] = useFormAction(action);
  return (
    <form action={formAction} className="stack" noValidate>
      <FormMessage state={state} />
      <Field {...field} state={state} required autoFocus />
      <SubmitButton>{t('verify')}</SubmitButton>
    </form>
  );
}
