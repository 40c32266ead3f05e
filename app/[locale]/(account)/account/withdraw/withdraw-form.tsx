'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SelectField } from '@/components/form/select-field';
import { SubmitButton } from '@/components/form/submit-button';
import { TextAreaField } from '@/components/form/text-area-field';
import { useFormAction } from '@/components/form/use-form-action';
import { confirmPhrase, withdrawalReasons } from '@/lib/account/withdrawal-reasons';
import { withdraw } from '../../actions';

type WithdrawFormProps = {
  /** 'password' asks for the current password; 'fresh_sign_in' (no password) relies on a recent sign-in. */
  confirmation: 'password' | 'fresh_sign_in';
  /** Offered when the action finds the sign-in has gone stale. */
  reauthenticate?: ReactNode;
};

export function WithdrawForm({ confirmation, reauthenticate }: WithdrawFormProps) {
  const t = useTranslations('account.withdraw');
  const [state, action] = useFormAction(withdraw);
  const options = [{ value: '', label: t('reasonNone') }, ...withdrawalReasons.map((reason) => ({ value: reason, label: t(`reasons.${reason}`) }))];
  const stale = state.status === 'error' && state.code === 'stale-sign-in';
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      {stale ? reauthenticate : null}
      {confirmation === 'password' ? (
        <Field name="currentPassword" label={t('currentPassword')} type="password" autoComplete="current-password" required state={state} />
      ) : null}
      <Field name="confirmation" label={t('confirmation', { phrase: confirmPhrase })} autoComplete="off" autoCapitalize="characters" required state={state} />
      <SelectField name="reason" label={t('reason')} options={options} state={state} />
      <TextAreaField name="details" label={t('details')} rows={3} maxLength={1000} state={state} />
      <SubmitButton className="danger">{t('submit')}</SubmitButton>
    </form>
  );
}
