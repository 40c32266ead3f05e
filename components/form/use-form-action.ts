'use client';

import { unstable_rethrow } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useActionState, useMemo } from 'react';
import { type ActionState, errorReference, idleState, unexpectedFailureState } from '@/lib/forms/action-state';

/** An action's state: ActionState, or a union with it for actions that also answer in their own shape. */
type FormAction<State extends ActionState | object> = (previous: State | ActionState, formData: FormData) => Promise<State | ActionState>;

/**
 * useActionState for every form of the app. An action that throws (the database is down, the
 * server did not answer) would unmount the form into the nearest error page and lose what the
 * person typed; here the form stays, with its values (passwords aside) and a translated message
 * quoting the server's error reference. Redirects and notFound() pass through to Next.
 *
 * The server render keeps the action itself: React writes a server action's `$ACTION_*` fields into
 * the HTML only for the action as given, and without JavaScript the form posts through those (an
 * error there shows the route's error page). The browser, which calls the action itself, gets the
 * guarded one; hydration does not compare the two.
 */
export function useFormAction<State extends ActionState | object = ActionState>(action: FormAction<State>) {
  const t = useTranslations('errors');
  const guarded = useMemo<FormAction<State>>(() => {
    if (typeof window === 'undefined') return action;
    return async (previous, formData) => {
      try {
        return await action(previous, formData);
      } catch (error) {
        unstable_rethrow(error);
        const reference = errorReference(error);
        const message = reference ? `${t('formFailed')} ${t('reference', { reference })}` : t('formFailed');
        return unexpectedFailureState(formData, message);
      }
    };
  }, [action, t]);
  return useActionState<State | ActionState, FormData>(guarded, idleState);
}
