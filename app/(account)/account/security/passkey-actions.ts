'use server';

import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formAction, type Translate } from '@/lib/actions/form-action';
import { hasFreshSignIn } from '@/lib/auth/fresh-sign-in';
import { getCurrentSessionId, requireUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { type ActionState, errorState, fieldErrorsOf } from '@/lib/forms/action-state';
import { getClientInfo } from '@/lib/http/client-info';
import { safeReturnPath } from '@/lib/http/return-path';
import { startPasskeyAssertion, verifyPasskeyAssertion } from '@/lib/passkeys/assertion';
import { addPasskey, PASSKEY_NAME_MAX, startPasskeyRegistration } from '@/lib/passkeys/registration';
import { removePasskey } from '@/lib/passkeys/remove-passkey';
import { parseAuthenticationResponse, parseRegistrationResponse } from '@/lib/passkeys/webauthn-response';
import { recordStepUp } from '@/lib/two-step/step-up';

// The Passkeys section of /account/security and the "Confirm with a passkey" step-up. Adding and
// removing need a fresh sign-in (checked again here, whatever the page showed); the browser's
// WebAuthn answers arrive as JSON text in a form field.

const PAGE = '/account/security';

export type OptionsResult<T> = { status: 'ok'; options: T } | { status: 'error'; message: string };

/** State of the add form: on success, the recovery codes when this passkey turned two-step on. */
export type AddPasskeyState = ActionState | { status: 'added'; message: string; recoveryCodes: string[] | null };

async function staleSignIn(): Promise<string | null> {
  if (await hasFreshSignIn()) return null;
  return (await getTranslations('passkeys'))('freshRequired', { minutes: config.FRESH_SIGN_IN_MINUTES });
}

/** Registration options for the signed-in person's browser (a challenge is stored for five minutes). */
export async function passkeyRegistrationOptions(): Promise<OptionsResult<PublicKeyCredentialCreationOptionsJSON>> {
  const user = await requireUser(PAGE);
  const stale = await staleSignIn();
  if (stale) return { status: 'error', message: stale };
  return { status: 'ok', options: await startPasskeyRegistration(user, new Date()) };
}

const addSchema = z.object({
  name: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(PASSKEY_NAME_MAX, 'passkeys.add.nameTooLong'),
  response: z.string().max(32_768),
});

export async function submitAddPasskey(_previous: AddPasskeyState, form: FormData): Promise<AddPasskeyState> {
  const user = await requireUser(PAGE);
  const t = await getTranslations();
  const values = { name: String(form.get('name') ?? '').slice(0, 200) };
  const parsed = addSchema.safeParse({ name: form.get('name') ?? '', response: form.get('response') ?? '' });
  if (!parsed.success) return errorState({ fieldErrors: fieldErrorsOf(parsed.error, t), values });
  const stale = await staleSignIn();
  if (stale) return errorState({ formError: stale, values, code: 'stale-sign-in' });
  const response = parseRegistrationResponse(parsed.data.response);
  if (!response) return errorState({ formError: t('passkeys.add.failed'), values, code: 'invalid-response' });
  const outcome = await addPasskey({ user, response, name: parsed.data.name, client: await getClientInfo(), now: new Date() });
  switch (outcome.status) {
    case 'added':
      revalidatePath(PAGE);
      return { status: 'added', message: t(outcome.recoveryCodes ? 'passkeys.add.addedTwoStepOn' : 'passkeys.add.added'), recoveryCodes: outcome.recoveryCodes };
    case 'already-registered':
      return errorState({ formError: t('passkeys.add.alreadyRegistered'), values, code: 'already-registered' });
    default:
      return errorState({ formError: t('passkeys.add.failed'), values, code: 'invalid-response' });
  }
}

/** Assertion options for the signed-in person's own passkeys (removing the last one, step-up). */
export async function passkeyConfirmationOptions(): Promise<OptionsResult<PublicKeyCredentialRequestOptionsJSON>> {
  const user = await requireUser(PAGE);
  return { status: 'ok', options: await startPasskeyAssertion({ purpose: 'step_up', userId: user.id }, new Date()) };
}

const removeSchema = z.object({
  passkeyId: z.uuid(),
  confirm: z.literal('on', { error: 'passkeys.remove.confirmRequired' }),
  response: z.string().max(32_768).optional(),
});

const freshRequired = (t: Translate) => t('passkeys.freshRequired', { minutes: config.FRESH_SIGN_IN_MINUTES });

export const submitRemovePasskey = formAction(
  {
    audience: 'fresh-user',
    returnTo: PAGE,
    stale: freshRequired,
    schema: removeSchema,
    input: (form) => ({ passkeyId: form.get('passkeyId'), confirm: form.get('confirm') ?? undefined, response: form.get('response') || undefined }),
  },
  async ({ input: { passkeyId, response }, user, t }) => {
    const assertion = response ? parseAuthenticationResponse(response) : null;
    if (response && !assertion) return errorState({ formError: t('passkeys.remove.passkeyInvalid'), code: 'passkey-invalid' });
    const outcome = await removePasskey({ userId: user.id, passkeyId, assertion, now: new Date() });
    switch (outcome.status) {
      case 'removed':
        revalidatePath(PAGE);
        return { status: 'success', message: t(outcome.twoStepOff ? 'passkeys.remove.removedTwoStepOff' : 'passkeys.remove.removed') };
      case 'passkey-required':
        return errorState({ formError: t('passkeys.remove.passkeyRequired'), code: 'passkey-required' });
      case 'passkey-invalid':
        return errorState({ formError: t('passkeys.remove.passkeyInvalid'), code: 'passkey-invalid' });
      default:
        return errorState({ formError: t('passkeys.remove.notFound'), code: 'not-found' });
    }
  },
);

/** "Confirm with a passkey": an assertion of the person's own passkey counts as a fresh sign-in, then back to `next`. */
export async function submitPasskeyStepUp(_previous: ActionState, form: FormData): Promise<ActionState> {
  const next = safeReturnPath(form.get('next')) ?? '/account';
  const user = await requireUser(next);
  const t = await getTranslations();
  const response = parseAuthenticationResponse(form.get('response'));
  const now = new Date();
  const outcome = response ? await verifyPasskeyAssertion({ purpose: 'step_up', userId: user.id }, response, now) : null;
  const sessionId = await getCurrentSessionId();
  if (outcome?.status !== 'verified' || !sessionId) return errorState({ formError: t('passkeys.stepUp.failed'), code: 'passkey-invalid' });
  await recordStepUp(user.id, sessionId, now);
  redirect(next);
}
