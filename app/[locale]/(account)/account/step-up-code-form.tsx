'use client';

import { useTranslations } from 'next-intl';
import { useFormAction } from '@/components/form/use-form-action';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { confirmWithCode } from './security/actions';

/** "Confirm with a code from your authenticator app": a step-up on this session, then back to `next`. */
export function StepUpCodeForm({ next }: { next: string }) {
  const t = useTranslations('security.stepUp');
  const [state, action] = useFormAction(confirmWithCode);
  return (
    <form action={action} className="stack" noValidate aria-label={t('title')}>
      <h2>{t('title')}</h2>
      <FormMessage state={state} />
      <input type="hidden" name="next" value={next} />
      <Field name="code" label={t('code')} state={state} inputMode="numeric" autoComplete="one-time-code" maxLength={8} required />
      <SubmitButton className="secondary">{t('submit')}</SubmitButton>
    </form>
  );
}
