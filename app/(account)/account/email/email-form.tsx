'use client';

import { useTranslations } from 'next-intl';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { submitEmailChange } from '../../actions';

export function EmailForm() {
  const t = useTranslations('account.email');
  const [state, action] = useFormAction(submitEmailChange);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field name="newEmail" label={t('newEmail')} type="email" autoComplete="email" required state={state} />
      <Field name="currentPassword" label={t('currentPassword')} type="password" autoComplete="current-password" required state={state} />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
