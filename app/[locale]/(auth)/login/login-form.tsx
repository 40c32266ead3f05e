'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { QueryNotice, type QueryNoticeRule, ReturnPathInput } from '@/components/query-notice';
import { logIn } from '../actions';

/** `notices`: what the query may announce (?verified=1 …), shown until the form is sent. */
export function LoginForm({ notices }: { notices: QueryNoticeRule[] }) {
  const t = useTranslations('auth.login');
  const [state, action] = useFormAction(logIn);
  const unverified = state?.status === 'error' && state.code === 'unverified';
  return (
    <form action={action} className="stack" noValidate>
      {!state || state.status === 'idle' ? <QueryNotice rules={notices} /> : null}
      <FormMessage state={state}>{unverified ? <Link prefetch={false} href="/verify-email/resend">{t('resendLink')}</Link> : null}</FormMessage>
      <ReturnPathInput />
      <Field name="email" label={t('email')} type="email" autoComplete="username webauthn" required state={state} />
      <Field name="password" label={t('password')} type="password" autoComplete="current-password" required state={state} />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
