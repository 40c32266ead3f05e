'use client';

import { useTranslations } from 'next-intl';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { submitEmailChange } from '../../actions';

/** askCurrent false: the session stepped up (a code or passkey), so the current password is not asked. */
export function EmailForm({ askCurrent = true }: { askCurrent?: boolean }) {
  const t = useTranslations('account.email');
  const [state, action] = useFormAction(submitEmailChange);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field name="newEmail" label={t('newEmail')} type="email" autoComplete="email" required state={state} />
      {askCurrent ? <Field name="currentPassword" label={t('currentPassword')} type="password" autoComplete="current-password" required state={state} /> : null}
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
