'use client';

import { useTranslations } from 'next-intl';
import { Field } from '@/components/form/field';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import type { ActionState } from '@/lib/forms/action-state';

/**
 * The one-field "send me a link" form of /forgot-password and /verify-email/resend: an email, a
 * button, and the same answer whether or not an account exists.
 */
export function EmailRequestForm({
  action: submit,
  messages,
}: {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  messages: 'auth.forgot' | 'auth.resend';
}) {
  const t = useTranslations(messages);
  const [state, action] = useFormAction(submit);
  return (
    <form action={action} className="stack" noValidate>
      <FormMessage state={state} />
      <Field name="email" label={t('email')} type="email" autoComplete="email" required state={state} />
      <SubmitButton>{t('submit')}</SubmitButton>
    </form>
  );
}
