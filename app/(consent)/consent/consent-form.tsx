'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { idleState } from '@/lib/forms/action-state';
import { answerConsent } from './actions';

/** One button, so that a mail scanner opening the link changes nothing. */
export function ConsentForm({ token, action }: { token: string; action: 'keep' | 'stop' }) {
  const t = useTranslations('consent.link');
  const [state, formAction] = useActionState(answerConsent, idleState);
  return (
    <form action={formAction} className="stack">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      {state.status === 'idle' ? (
        <SubmitButton>{t(action)}</SubmitButton>
      ) : (
        <p>
          <Link href="/account">{t('account')}</Link>
        </p>
      )}
    </form>
  );
}
