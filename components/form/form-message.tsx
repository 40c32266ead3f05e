import type { ActionState } from '@/lib/forms/action-state';

/** The form-level message: an alert for errors, a status for success; always present as a live region. */
export function FormMessage({ state, children }: { state: ActionState | undefined; children?: React.ReactNode }) {
  if (state?.status === 'error' && state.formError) {
    return (
      <div role="alert" className="notice error">
        {state.formError}
        {children ? <> {children}</> : null}
      </div>
    );
  }
  if (state?.status === 'success' && state.message) {
    return (
      <div role="status" className="notice success">
        {state.message}
      </div>
    );
  }
  return <div role="status" aria-live="polite" className="form-message" />;
}
