'use client';

import { useFormStatus } from 'react-dom';

/** A submit button that is disabled while its form's action runs. */
export function SubmitButton({ children, className, name, value }: { children: React.ReactNode; className?: string; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending} name={name} value={value}>
      {children}
    </button>
  );
}
