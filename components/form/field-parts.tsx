import type { ActionState } from '@/lib/forms/action-state';

/** What every labelled control of a form needs from the action's state: its id, errors and echoed value. */
export function fieldWiring(name: string, state: ActionState | undefined, id?: string) {
  const controlId = id ?? `field-${name}`;
  const errors = state?.status === 'error' ? (state.fieldErrors[name] ?? []) : [];
  return {
    controlId,
    errors,
    errorId: `${controlId}-error`,
    echoed: state?.status === 'error' ? state.values?.[name] : undefined,
    invalid: errors.length ? true : undefined,
  };
}

/** A field's errors under it; the control points here with aria-describedby. */
export function FieldErrors({ id, errors }: { id: string; errors: string[] }) {
  if (!errors.length) return null;
  return (
    <p id={id} className="field-error">
      {errors.join(' ')}
    </p>
  );
}
