'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo } from 'react';
import { Field } from '@/components/form/field';
import { SelectField } from '@/components/form/select-field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { announceSignedInChange } from '@/components/header-links';
import { saveProfile } from '../actions';

type ProfileFormProps = { name: string; timeZone: string; defaultTimeZoneLabel: string; timeZones: readonly string[] };

// The phone number is not here: it changes only through /account/phone, with a code. The zones
// arrive as bare names and get their labels here: about 400 of them, so the page's RSC payload
// carries each once instead of twice (a third of /account's payload).
export function ProfileForm({ name, timeZone, defaultTimeZoneLabel, timeZones }: ProfileFormProps) {
  const t = useTranslations('account.profile');
  const [state, action] = useFormAction(saveProfile);
  const timeZoneOptions = useMemo(
    () => [{ value: '', label: defaultTimeZoneLabel }, ...timeZones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))],
    [defaultTimeZoneLabel, timeZones],
  );
  // The header names the person, and it is not re-rendered with this page.
  useEffect(() => {
    if (state?.status === 'success') announceSignedInChange();
  }, [state]);
  return (
    <form action={action} className="stack" noValidate aria-label={t('title')}>
      <FormMessage state={state} />
      <Field name="name" label={t('name')} autoComplete="name" required maxLength={100} defaultValue={name} state={state} />
      <SelectField name="timeZone" label={t('timeZone')} hint={t('timeZoneHint')} defaultValue={timeZone} options={timeZoneOptions} state={state} />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
