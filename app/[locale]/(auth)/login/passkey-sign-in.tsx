'use client';

import { browserSupportsWebAuthn, browserSupportsWebAuthnAutofill } from '@simplewebauthn/browser';
import { useTranslations } from 'next-intl';
import { startTransition, useEffect, useState, useSyncExternalStore } from 'react';
import { FormMessage } from '@/components/form/form-message';
import { runAssertion, type CeremonyResult } from '@/components/passkeys/webauthn-ceremony';
import { type ActionState, errorState, idleState } from '@/lib/forms/action-state';
import { safeReturnPath } from '@/lib/http/return-path';
import { passkeySignInOptions, submitPasskeySignIn } from '../actions';
import { useFormAction } from '@/components/form/use-form-action';

/**
 * "Sign in with a passkey", and the passkeys the browser offers in the Email field's autofill
 * (conditional mediation, started on load). Rendered only where WebAuthn exists, after hydration,
 * so the password form works as before without JavaScript.
 */
const subscribeToNothing = () => () => {};

export function PasskeySignIn() {
  const t = useTranslations('passkeys.signIn');
  const [state, action, pending] = useFormAction(submitPasskeySignIn);
  // False on the server and during hydration, so the no-JS page never shows a button that cannot work.
  const supported = useSyncExternalStore(subscribeToNothing, browserSupportsWebAuthn, () => false);
  const [notice, setNotice] = useState<ActionState>(idleState);

  function submit(response: string) {
    const form = new FormData();
    form.set('response', response);
    // The page is prerendered: its return path is the query's (checked again by the action).
    const callbackUrl = safeReturnPath(new URLSearchParams(window.location.search).get('callbackUrl'));
    if (callbackUrl) form.set('callbackUrl', callbackUrl);
    startTransition(() => action(form));
  }

  useEffect(() => {
    if (!browserSupportsWebAuthn()) return;
    let active = true;
    void browserSupportsWebAuthnAutofill().then(async (autofill) => {
      if (!autofill || !active) return;
      const result = await runAssertion(passkeySignInOptions, { autofill: true });
      if (active && result.status === 'ok') submit(result.response);
    });
    return () => {
      active = false;
    };
    // Once per page load: conditional mediation waits in the background until a passkey is picked.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function signInWithButton() {
    setNotice(idleState);
    const result: CeremonyResult = await runAssertion(passkeySignInOptions);
    if (result.status === 'ok') submit(result.response);
    else setNotice(errorState({ formError: result.status === 'cancelled' ? t('cancelled') : (result.message ?? t('failed')) }));
  }

  if (!supported) return null;
  const shown = notice.status === 'error' ? notice : state;
  return (
    <div className="stack">
      <FormMessage state={shown} />
      <button type="button" className="secondary" onClick={() => void signInWithButton()} disabled={pending} aria-disabled={pending}>
        {t('button')}
      </button>
    </div>
  );
}
