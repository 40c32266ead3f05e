'use client';

import { useTranslations } from 'next-intl';
import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import type { ActionState } from '@/lib/forms/action-state';

export type ConnectionRow = {
  /** Provider id, sent as the form's `provider`. */
  id: string;
  label: string;
  /** Formatted date the account was connected; null when it is not. */
  connectedOn: string | null;
  /** False for a provider that is no longer configured: it can only be disconnected. */
  canConnect: boolean;
};

type ConnectedAccountsProps = {
  rows: ConnectionRow[];
  connectAction: (formData: FormData) => Promise<void>;
  disconnectAction: (previous: ActionState, formData: FormData) => Promise<ActionState>;
};

/** Each provider with its state and a Connect or Disconnect button. */
export function ConnectedAccounts({ rows, connectAction, disconnectAction }: ConnectedAccountsProps) {
  return (
    <ul className="connections">
      {rows.map((row) => (
        <li key={row.id}>
          <Connection row={row} connectAction={connectAction} disconnectAction={disconnectAction} />
        </li>
      ))}
    </ul>
  );
}

function Connection({ row, connectAction, disconnectAction }: { row: ConnectionRow } & Omit<ConnectedAccountsProps, 'rows'>) {
  const t = useTranslations('social.connections');
  const [state, action] = useFormAction(disconnectAction);
  return (
    <div className="connection">
      <p>
        <strong>{row.label}</strong> <span className="muted">{row.connectedOn ? t('connected', { date: row.connectedOn }) : t('notConnected')}</span>
      </p>
      {row.connectedOn ? (
        <form action={action} className="stack">
          <FormMessage state={state} />
          <input type="hidden" name="provider" value={row.id} />
          <SubmitButton className="secondary">{t('disconnect', { provider: row.label })}</SubmitButton>
        </form>
      ) : row.canConnect ? (
        <form action={connectAction}>
          <input type="hidden" name="provider" value={row.id} />
          <SubmitButton>{t('connect', { provider: row.label })}</SubmitButton>
        </form>
      ) : null}
    </div>
  );
}
