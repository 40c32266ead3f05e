'use client';

import { FormMessage } from '@/components/form/form-message';
import { SubmitButton } from '@/components/form/submit-button';
import { useFormAction } from '@/components/form/use-form-action';
import type { ActionState } from '@/lib/forms/action-state';

type ActionFormProps = {
  action: (previous: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden inputs (ids of what the action applies to). */
  fields?: Record<string, string>;
  submitLabel: string;
  /** When set, the action runs only with this box ticked: the confirm step, which works without JavaScript. */
  confirmLabel?: string;
  danger?: boolean;
  /** Shown but not usable: the action does not apply now (the form stays mounted so its message survives a refresh). */
  disabled?: boolean;
};

/** A one-button admin action with an optional confirmation checkbox and its own result message. */
export function ActionForm({ action, fields = {}, submitLabel, confirmLabel, danger, disabled }: ActionFormProps) {
  const [state, formAction] = useFormAction(action);
  const confirmError = state.status === 'error' ? state.fieldErrors.confirm : undefined;
  return (
    <form action={formAction} className="admin-action" aria-label={submitLabel}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <fieldset disabled={disabled} className="admin-action-controls">
        {confirmLabel ? (
          <label className="checkbox">
            <input type="checkbox" name="confirm" value="yes" aria-invalid={confirmError ? true : undefined} />
            <span>{confirmLabel}</span>
          </label>
        ) : null}
        <SubmitButton className={danger ? 'danger' : undefined}>{submitLabel}</SubmitButton>
      </fieldset>
      <FormMessage state={state} />
    </form>
  );
}
