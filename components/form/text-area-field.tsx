import type { TextareaHTMLAttributes } from 'react';
import type { ActionState } from '@/lib/forms/action-state';
import { FieldErrors, fieldWiring } from './field-parts';

type TextAreaFieldProps = {
  name: string;
  label: string;
  state: ActionState | undefined;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>;

/** A labelled textarea with its errors under it, tied by aria-describedby (the twin of Field). */
export function TextAreaField({ name, label, state, id, ...textarea }: TextAreaFieldProps) {
  const { controlId, errors, errorId, echoed, invalid } = fieldWiring(name, state, id);
  return (
    <div className="field">
      <label htmlFor={controlId}>{label}</label>
      <textarea
        id={controlId}
        name={name}
        aria-invalid={invalid}
        aria-describedby={errors.length ? errorId : undefined}
        {...textarea}
        defaultValue={echoed ?? textarea.defaultValue}
      />
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}
