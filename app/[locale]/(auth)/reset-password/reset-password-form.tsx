'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { resetPassword } from '../actions';

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('auth.reset');
  const [state, action] = useFormAction(resetPassword);
  const invalidToken = state?.status === 'error' && state.code === 'invalid-token';
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state}>{invalidToken ? <Link prefetch={false} href="/forgot-password">{t('requestNew')}</Link> : null}</FormMessage>
      <input type="hidden" name="token" value={token} />
      <Field name="password" label={t('password')} type="password" autoComplete="new-password" required minLength={8} maxLength={128} state={state} />
      <Field name="confirmPassword" label={t('confirmPassword')} type="password" autoComplete="new-password" required state={state} />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
