'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { logIn } from '../actions';

export function LoginForm({ callbackUrl, notice }: { callbackUrl?: string; notice?: string }) {
  const t = useTranslations('auth.login');
  const [state, action] = useFormAction(logIn);
  const unverified = state?.status === 'error' && state.code === 'unverified';
  return (
    <form action={action} className="stack" noValidate>
      {notice && (!state || state.status === 'idle') ? <FormMessage state={{ status: 'success', message: notice }} /> : null}
      <FormMessage state={state}>{unverified ? <Link prefetch={false} href="/verify-email/resend">{t('resendLink')}</Link> : null}</FormMessage>
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field name="email" label={t('email')} type="email" autoComplete="username webauthn" required state={state} />
      <Field name="password" label={t('password')} type="password" autoComplete="current-password" required state={state} />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
