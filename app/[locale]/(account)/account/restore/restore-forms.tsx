'use client';

import { useTranslations } from 'next-intl';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import { keepClosed, restore } from '../../actions';

export function RestoreForms() {
  const t = useTranslations('account.restore');
  const [state, action] = useFormAction(restore);
  return (
    <div className="stack">
      <form action={action}>
        <FormMessage state={state} />
        <SubmitButton>{t('restore')}</SubmitButton>
      </form>
      <form action={keepClosed}>
        <SubmitButton className="secondary">{t('keepClosed')}</SubmitButton>
      </form>
    </div>
  );
}
