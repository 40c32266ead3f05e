import type { ReactNode } from 'react';
import type { ActionState } from '@/lib/forms/action-state';

export type FieldWiring = ReturnType<typeof fieldWiring>;

/**
 * What every labelled control of a form needs from the action's state: its id, errors and echoed
 * value, and the control's attributes (aria-invalid, aria-describedby pointing at its hint and errors).
 */
export function fieldWiring(name: string, state: ActionState | undefined, id?: string, hint?: string) {
  const controlId = id ?? `field-${name}`;
  const errors = state?.status === 'error' ? (state.fieldErrors[name] ?? []) : [];
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [hint ? hintId : null, errors.length ? errorId : null].filter(Boolean).join(' ') || undefined;
  return {
    controlId,
    errors,
    hintId,
    errorId,
    /** Spread first on the control, then its own props, then its defaultValue. */
    control: { id: controlId, name, 'aria-invalid': errors.length ? true : undefined, 'aria-describedby': describedBy },
    echoed: state?.status === 'error' ? state.values?.[name] : undefined,
  };
}

/** A labelled control's frame: the label, the hint, the control, and its errors under it. */
export function FieldFrame({ wiring, label, hint, children }: { wiring: FieldWiring; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={wiring.controlId}>{label}</label>
      {hint ? (
        <span id={wiring.hintId} className="muted">
          {hint}
        </span>
      ) : null}
      {children}
      <FieldErrors id={wiring.errorId} errors={wiring.errors} />
    </div>
  );
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
