'use client';

import { useTranslations } from 'next-intl';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { cancelPendingEmailChange } from '../actions';

/** The email change waiting for its link, with Cancel. */
export function PendingEmailChange({ newEmail, expiresAt }: { newEmail: string; expiresAt: string }) {
  const t = useTranslations('account.pendingEmail');
  const [state, action] = useFormAction(cancelPendingEmailChange);
  return (
    <form action={action} className="notice" aria-label={t('title')}>
      <FormMessage state={state} />
      <p>{t('body', { email: newEmail, expiresAt })}</p>
      <SubmitButton className="secondary">{t('cancel')}</SubmitButton>
    </form>
  );
}
