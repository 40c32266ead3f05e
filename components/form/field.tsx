import type { InputHTMLAttributes } from 'react';
import type { ActionState } from '@/lib/forms/action-state';
import { FieldErrors, fieldWiring } from './field-parts';

type FieldProps = {
  name: string;
  label: string;
  /** Undefined when React could not restore the form's state (e.g. a refused no-JS post). */
  state: ActionState | undefined;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>;

/** A labelled input with its errors under it, tied by aria-describedby. */
export function Field({ name, label, state, hint, id, ...input }: FieldProps) {
  const { controlId, errors, errorId, echoed, invalid } = fieldWiring(name, state, id);
  const hintId = `${controlId}-hint`;
  const describedBy = [hint ? hintId : null, errors.length ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      {hint ? (
        <span id={hintId} className="muted">
          {hint}
        </span>
      ) : null}
      <input id={controlId} name={name} aria-invalid={invalid} aria-describedby={describedBy} {...input} defaultValue={echoed ?? input.defaultValue} />
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}
