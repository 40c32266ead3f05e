'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { idleState } from '@/lib/forms/action-state';
import { keepClosed, restore } from '../../actions';

export function RestoreForms() {
  const t = useTranslations('account.restore');
  const [state, action] = useActionState(restore, idleState);
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
