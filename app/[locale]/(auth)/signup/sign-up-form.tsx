'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { signUp } from '../actions';

export function SignUpForm() {
  const t = useTranslations('auth.signup');
  const [state, action] = useFormAction(signUp);
  const termsErrors = state?.status === 'error' ? state.fieldErrors.terms ?? [] : [];
  const termsChecked = state?.status === 'error' && state.values?.terms === 'on';
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field name="name" label={t('name')} autoComplete="name" required maxLength={100} state={state} />
      <Field name="email" label={t('email')} type="email" autoComplete="email" required state={state} />
      <Field
        name="password"
        label={t('password')}
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        maxLength={128}
        hint={t('passwordHint')}
        state={state}
      />
      <div className="field">
        <div className="checkbox">
          <input
            id="field-terms"
            type="checkbox"
            name="terms"
            required
            defaultChecked={termsChecked}
            aria-invalid={termsErrors.length ? true : undefined}
            aria-describedby={termsErrors.length ? 'field-terms-error' : undefined}
          />
          <label htmlFor="field-terms">
            {t.rich('agree', {
              terms: (chunks) => <Link prefetch={false} href="/terms">{chunks}</Link>,
              privacy: (chunks) => <Link prefetch={false} href="/privacy">{chunks}</Link>,
            })}
          </label>
        </div>
        {termsErrors.length ? (
          <p id="field-terms-error" className="field-error">
            {termsErrors.join(' ')}
          </p>
        ) : null}
      </div>
      <label className="checkbox">
        <input type="checkbox" name="marketingEmail" defaultChecked={state?.status === 'error' && state.values?.marketingEmail === 'on'} />
        {t('marketingEmail')}
      </label>
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
