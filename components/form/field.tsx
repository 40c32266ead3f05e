import type { InputHTMLAttributes } from 'react';
import type { ActionState } from '@/lib/forms/action-state';
import { FieldFrame, fieldWiring } from './field-parts';

type FieldProps = {
  name: string;
  label: string;
  /** Undefined when React could not restore the form's state (e.g. a refused no-JS post). */
  state: ActionState | undefined;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>;

/** A labelled input with its errors under it, tied by aria-describedby. */
export function Field({ name, label, state, hint, id, ...input }: FieldProps) {
  const wiring = fieldWiring(name, state, id, hint);
  return (
    <FieldFrame wiring={wiring} label={label} hint={hint}>
      <input {...wiring.control} {...input} defaultValue={wiring.echoed ?? input.defaultValue} />
    </FieldFrame>
  );
}
