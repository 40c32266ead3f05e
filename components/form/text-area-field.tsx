import type { TextareaHTMLAttributes } from 'react';
import type { ActionState } from '@/lib/forms/action-state';
import { FieldFrame, fieldWiring } from './field-parts';

type TextAreaFieldProps = {
  name: string;
  label: string;
  state: ActionState | undefined;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>;

/** A labelled textarea with its errors under it, tied by aria-describedby (the twin of Field). */
export function TextAreaField({ name, label, state, id, ...textarea }: TextAreaFieldProps) {
  const wiring = fieldWiring(name, state, id);
  return (
    <FieldFrame wiring={wiring} label={label}>
      <textarea {...wiring.control} {...textarea} defaultValue={wiring.echoed ?? textarea.defaultValue} />
    </FieldFrame>
  );
}
