'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { SelectField } from '@/components/form/select-field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { timeZoneLabel } from '@/lib/i18n/time-zone';
import { saveTimeZone } from '../../actions';

type TimeZoneFormProps = { timeZone: string; defaultTimeZoneLabel: string; timeZones: readonly string[] };

// The zones arrive as bare names and get their labels here, so the RSC payload carries each once.
export function TimeZoneForm({ timeZone, defaultTimeZoneLabel, timeZones }: TimeZoneFormProps) {
  const t = useTranslations('account.timeZone');
  const [state, action] = useFormAction(saveTimeZone);
  const options = useMemo(
    () => [{ value: '', label: defaultTimeZoneLabel }, ...timeZones.map((zone) => ({ value: zone, label: timeZoneLabel(zone) }))],
    [defaultTimeZoneLabel, timeZones],
  );
  return (
    <form action={action} className="stack" noValidate aria-label={t('title')}>
      <FormMessage state={state} />
      <SelectField name="timeZone" label={t('label')} defaultValue={timeZone} options={options} state={state} />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
