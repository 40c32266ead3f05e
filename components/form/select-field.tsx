import type { SelectHTMLAttributes } from 'react';
import type { ActionState } from '@/lib/forms/action-state';
import { FieldErrors, fieldWiring } from './field-parts';

type SelectFieldProps = {
  name: string;
  label: string;
  state: ActionState | undefined;
  options: Array<{ value: string; label: string }>;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>;

/** A labelled select with its errors under it, tied by aria-describedby (the twin of Field). */
export function SelectField({ name, label, state, options, id, ...select }: SelectFieldProps) {
  const { controlId, errors, errorId, echoed, invalid } = fieldWiring(name, state, id);
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      <select
        id={controlId}
        name={name}
        aria-invalid={invalid}
        aria-describedby={errors.length ? errorId : undefined}
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
