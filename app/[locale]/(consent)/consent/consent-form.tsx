'use client';

import Link from 'next/link';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { answerConsent } from './actions';

/**
 * One button, so that a mail scanner opening the link changes nothing. The labels come translated
 * from the page: this public page keeps its words out of the catalogue sent to every browser.
 */
export function ConsentForm({ token, submitLabel, accountLabel }: { token: string; submitLabel: string; accountLabel: string }) {
  const [state, formAction] = useFormAction(answerConsent);
  return (
    <form action={formAction} className="stack">
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      {state.status === 'idle' ? (
        <SubmitButton>{submitLabel}</SubmitButton>
      ) : (
        <p>
          <Link prefetch={false} href="/account">{accountLabel}</Link>
        </p>
      )}
    </form>
  );
}
