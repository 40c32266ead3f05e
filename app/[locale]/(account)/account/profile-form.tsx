'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { announceSignedInChange } from '@/components/header-links';
import { saveProfile } from '../actions';

// The phone number and the time zone are not here: they have their own pages (/account/phone
// changes it with a code; /account/time-zone holds the list of ~400 zones).
export function ProfileForm({ name }: { name: string }) {
  const t = useTranslations('account.profile');
  const [state, action] = useFormAction(saveProfile);
  // The header names the person, and it is not re-rendered with this page.
  useEffect(() => {
    if (state?.status === 'success') announceSignedInChange();
  }, [state]);
  return (
    <form action={action} className="stack" noValidate aria-label={t('title')}>
      <FormMessage state={state} />
      <Field name="name" label={t('name')} autoComplete="name" required maxLength={100} defaultValue={name} state={state} />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
