import type { SelectHTMLAttributes } from 'react';
import type { ActionState } from '@/lib/forms/action-state';
import { FieldErrors, fieldWiring } from './field-parts';

type SelectFieldProps = {
  name: string;
  label: string;
  state: ActionState | undefined;
  options: Array<{ value: string; label: string }>;
  hint?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>;

/** A labelled select with its errors under it, tied by aria-describedby (the twin of Field). */
export function SelectField({ name, label, state, options, hint, id, ...select }: SelectFieldProps) {
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
      <select
        id={controlId}
        name={name}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        {...select}
        defaultValue={echoed ?? select.defaultValue}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}
