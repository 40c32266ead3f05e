import type { SelectHTMLAttributes } from 'react';
import type { ActionState } from '@/lib/forms/action-state';
import { FieldFrame, fieldWiring } from './field-parts';

type SelectFieldProps = {
  name: string;
  label: string;
  state: ActionState | undefined;
  options: Array<{ value: string; label: string }>;
  hint?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>;

/** A labelled select with its errors under it, tied by aria-describedby (the twin of Field). */
export function SelectField({ name, label, state, options, hint, id, ...select }: SelectFieldProps) {
  const wiring = fieldWiring(name, state, id, hint);
  return (
    <FieldFrame wiring={wiring} label={label} hint={hint}>
      <select {...wiring.control} {...select} defaultValue={wiring.echoed ?? select.defaultValue}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
