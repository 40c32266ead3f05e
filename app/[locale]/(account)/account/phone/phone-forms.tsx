'use client';

import { useTranslations } from 'next-intl';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { confirmPhoneCode, removePhoneNumber, requestPhoneCode } from './actions';

/** Phone + Send code; `nextSendAt` is when the cool-down ends, already formatted, or null. */
export function SendCodeForm({ phone, nextSendAt }: { phone: string; nextSendAt: string | null }) {
  const t = useTranslations('phone');
  const [state, action] = useFormAction(requestPhoneCode);
  return (
    <form action={action} className="stack" noValidate aria-label={t('sendCode')}>
      <FormMessage state={state} />
      <Field name="phone" label={t('phone')} hint={t('phoneHint')} type="tel" autoComplete="tel" required maxLength={40} defaultValue={phone} state={state} />
      <SubmitButton>{t('sendCode')}</SubmitButton>
      {nextSendAt && state.status === 'idle' ? <p className="muted">{t('cooldown', { time: nextSendAt })}</p> : null}
    </form>
  );
}

/**
 * Shown while a code is pending, and also when the answer to a Verify ended it (used up, expired):
 * without it that answer's message would go with the form.
 */
export function VerifyCodeForm({ pending }: { pending: boolean }) {
  const t = useTranslations('phone');
  const [state, action] = useFormAction(confirmPhoneCode);
  if (!pending && state.status !== 'error') return null;
  return (
    <>
      <h2>{t('verify')}</h2>
      <form action={action} className="stack" noValidate aria-label={t('verify')}>
        <FormMessage state={state} />
        <Field name="code" label={t('code')} hint={t('codeHint')} autoComplete="one-time-code" inputMode="numeric" pattern="[0-9]*" maxLength={6} required state={state} />
        <SubmitButton>{t('verify')}</SubmitButton>
      </form>
    </>
  );
}

export function RemovePhoneForm() {
  const t = useTranslations('phone');
  const [state, action] = useFormAction(removePhoneNumber);
  return (
    <form action={action} className="stack" aria-label={t('remove')}>
      <FormMessage state={state} />
      <p className="muted">{t('removeIntro')}</p>
      <SubmitButton>{t('remove')}</SubmitButton>
    </form>
  );
}
