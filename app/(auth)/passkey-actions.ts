'use server';

import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { setRestoreCookie } from '@/lib/auth/restore-ticket';
import { signInWithTicket } from '@/lib/auth/sign-in-ticket';
import { type ActionState, errorState } from '@/lib/forms/action-state';
import { getClientInfo } from '@/lib/http/client-info';
import { safeReturnPath } from '@/lib/http/return-path';
import { startPasskeyAssertion, verifyPasskeyAssertion } from '@/lib/passkeys/assertion';
import { rememberPasskeyProof } from '@/lib/passkeys/passkey-proof';
import { signInWithPasskey } from '@/lib/passkeys/sign-in-with-passkey';
import { startPasskeySignIn } from '@/lib/passkeys/start-passkey-sign-in';
import { parseAuthenticationResponse } from '@/lib/passkeys/webauthn-response';
import { reactivationLimitedPath, setReactivationCookie } from '@/lib/retention/reactivation-cookie';
import { completePendingTwoStep, failPendingTwoStep, readPendingTwoStep } from '@/lib/two-step/login-ticket';

// Passkeys on the way in: /login's "Sign in with a passkey" and its Email autofill (a passwordless
// sign-in, complete in itself), and /login/two-step/passkey (a passkey as the second factor of a
// sign-in that passed its password). The options carry no account: nothing here tells who exists.

export type OptionsResult = { status: 'ok'; options: PublicKeyCredentialRequestOptionsJSON } | { status: 'error'; message: string };

/**
 * Options for a passwordless sign-in: a challenge for nobody in particular, any passkey of this
 * site; refused with a message once this IP asked PASSKEY_SIGN_IN_OPTIONS_PER_IP_PER_MINUTE times.
 */
export async function passkeySignInOptions(): Promise<OptionsResult> {
  const now = new Date();
  const started = await startPasskeySignIn({ ip: (await getClientInfo()).ip, now });
  if (started.status === 'ok') return started;
  const minutes = Math.max(1, Math.ceil((started.retryAt.getTime() - now.getTime()) / 60_000));
  return { status: 'error', message: (await getTranslations('passkeys'))('signIn.rateLimited', { minutes }) };
}

export async function submitPasskeySignIn(_previous: ActionState, form: FormData): Promise<ActionState> {
  const t = await getTranslations('passkeys');
  const response = parseAuthenticationResponse(form.get('response'));
  if (!response) return errorState({ formError: t('signIn.failed'), code: 'passkey-invalid' });
  const callbackUrl = safeReturnPath(form.get('callbackUrl'));
  const outcome = await signInWithPasskey({ response, client: await getClientInfo(), now: new Date() });
  switch (outcome.status) {
    case 'ok':
      return signInWithTicket(outcome.userId, outcome.mustChangePassword ? '/account/password?expired=1' : (callbackUrl ?? '/account'), 'passkey');
    case 'withdrawn':
      await setRestoreCookie(outcome.restoreTicket);
      await rememberPasskeyProof(outcome.restoreTicket);
      redirect('/account/restore');
    case 'dormant':
      await setReactivationCookie(outcome.reactivationTicket);
      await rememberPasskeyProof(outcome.reactivationTicket);
      redirect('/reactivate');
    case 'reactivation-limited':
      redirect(reactivationLimitedPath(outcome.limit));
    default:
      return errorState({ formError: t('signIn.failed'), code: 'passkey-invalid' });
  }
}

/** Options for the second factor: the pending sign-in's own passkeys only. */
export async function passkeySecondFactorOptions(): Promise<OptionsResult> {
  const pending = await readPendingTwoStep();
  if (!pending) return { status: 'error', message: (await getTranslations('passkeys'))('secondFactor.expired') };
  return { status: 'ok', options: await startPasskeyAssertion({ purpose: 'second_factor', userId: pending.userId }, new Date()) };
}

export async function submitPasskeySecondFactor(_previous: ActionState, form: FormData): Promise<ActionState> {
  const pending = await readPendingTwoStep();
  if (!pending) redirect('/login');
  const t = await getTranslations('passkeys');
  const response = parseAuthenticationResponse(form.get('response'));
  const outcome = response ? await verifyPasskeyAssertion({ purpose: 'second_factor', userId: pending.userId }, response, new Date()) : null;
  if (outcome?.status === 'verified') return completePendingTwoStep('passkey');
  if ((await failPendingTwoStep('passkey_failed')) === 'ended') redirect('/login?twoStep=ended');
  return errorState({ formError: t('secondFactor.failed'), code: 'passkey-invalid' });
}
