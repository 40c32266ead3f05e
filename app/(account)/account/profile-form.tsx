'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Field } from '@/components/form/field';
import { SelectField } from '@/components/form/select-field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { idleState } from '@/lib/forms/action-state';
import { saveProfile } from '../actions';

type Option = { value: string; label: string };

// The phone number is not here: it changes only through /account/phone, with a code.
export function ProfileForm({ name, timeZone, timeZones }: { name: string; timeZone: string; timeZones: Option[] }) {
  const t = useTranslations('account.profile');
  const [state, action] = useActionState(saveProfile, idleState);
  return (
    <form action={action} className="stack" noValidate aria-label={t('title')}>
      <FormMessage state={state} />
      <Field name="name" label={t('name')} autoComplete="name" required maxLength={100} defaultValue={name} state={state} />
      <SelectField name="timeZone" label={t('timeZone')} hint={t('timeZoneHint')} defaultValue={timeZone} options={timeZones} state={state} />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
