'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { idleState } from '@/lib/forms/action-state';
import { saveNotifications } from '../actions';

export function NotificationsForm({ email, sms }: { email: boolean; sms: boolean }) {
  const t = useTranslations('account.notifications');
  const [state, action] = useActionState(saveNotifications, idleState);
  return (
    <form action={action} className="stack" aria-label={t('title')}>
      <FormMessage state={state} />
      <label className="checkbox">
        <input type="checkbox" name="marketingEmail" defaultChecked={email} />
        {t('email')}
      </label>
      <label className="checkbox">
        <input type="checkbox" name="marketingSms" defaultChecked={sms} />
        {t('sms')}
      </label>
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
