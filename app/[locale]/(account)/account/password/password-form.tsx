'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { submitInitialPassword, submitPasswordChange } from '../../actions';

/** askCurrent false: the session stepped up (a code or passkey), so the current password is not asked. */
export function PasswordForm({ askCurrent = true }: { askCurrent?: boolean }) {
  const t = useTranslations('account.password');
  const [state, action] = useFormAction(submitPasswordChange);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      {askCurrent ? <Field name="currentPassword" label={t('current')} type="password" autoComplete="current-password" required state={state} /> : null}
      <Field name="newPassword" label={t('new')} hint={t('policy')} type="password" autoComplete="new-password" required state={state} />
      <Field name="confirmPassword" label={t('confirm')} type="password" autoComplete="new-password" required state={state} />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}

/** The first password of an account without one: no current password; `reauthenticate` is offered when the sign-in went stale. */
export function InitialPasswordForm({ reauthenticate }: { reauthenticate: ReactNode }) {
  const t = useTranslations('account.password');
  const [state, action] = useFormAction(submitInitialPassword);
  const stale = state.status === 'error' && state.code === 'stale-sign-in';
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      {stale ? reauthenticate : null}
      <Field name="newPassword" label={t('new')} hint={t('policy')} type="password" autoComplete="new-password" required state={state} />
      <Field name="confirmPassword" label={t('confirm')} type="password" autoComplete="new-password" required state={state} />
      <SubmitButton>{t('setSubmit')}</SubmitButton>
    </form>
  );
}
