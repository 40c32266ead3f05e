'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { FieldErrors } from '@/components/form/field-parts';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { saveNotifications } from '../actions';

/** SMS news needs a verified number: without one the box is off (unless consent was given before) and says why. */
export function NotificationsForm({ email, sms, phoneVerified }: { email: boolean; sms: boolean; phoneVerified: boolean }) {
  const t = useTranslations('account.notifications');
  const [state, action] = useFormAction(saveNotifications);
  const tSms = useTranslations('notificationsSms');
  const smsErrors = state.status === 'error' ? (state.fieldErrors.marketingSms ?? []) : [];
  return (
    <form action={action} className="stack" aria-label={t('title')}>
      <FormMessage state={state} />
      <label className="checkbox">
        <input type="checkbox" name="marketingEmail" defaultChecked={email} />
        {t('email')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          name="marketingSms"
          defaultChecked={sms}
          disabled={!phoneVerified && !sms}
          aria-invalid={smsErrors.length ? true : undefined}
          aria-describedby={[!phoneVerified && 'marketing-sms-hint', smsErrors.length && 'marketing-sms-errors'].filter(Boolean).join(' ') || undefined}
        />
        {t('sms')}
      </label>
      {!phoneVerified ? (
        <p id="marketing-sms-hint" className="muted">
          {tSms('needsPhone')} <Link prefetch={false} href="/account/phone">{tSms('verifyLink')}</Link>
        </p>
      ) : null}
      <FieldErrors id="marketing-sms-errors" errors={smsErrors} />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
