'use client';

import { useTranslations } from 'next-intl';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { reactivate } from './actions';

export function ReactivateForm({ codeMinutes }: { codeMinutes: number }) {
  const t = useTranslations('reactivate');
  const [state, action] = useFormAction(reactivate);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field
        name="code"
        label={t('code')}
        hint={t('codeHint', { minutes: codeMinutes })}
        state={state}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        required
      />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
