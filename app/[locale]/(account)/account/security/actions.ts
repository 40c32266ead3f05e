'use server';

import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import type { User } from '@/db/schema';
import { checkCurrentPassword } from '@/lib/account/current-password';
import { formAction, type Translate } from '@/lib/actions/form-action';
import { hasFreshSignIn } from '@/lib/auth/fresh-sign-in';
import { getCurrentSessionId, requireUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { errorState, fieldErrorsOf, type ActionState } from '@/lib/forms/action-state';
import { getClientInfo } from '@/lib/http/client-info';
import { safeReturnPath } from '@/lib/http/return-path';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { startPasskeyAssertion, verifyPasskeyAssertion } from '@/lib/passkeys/assertion';
import { addPasskey, PASSKEY_NAME_MAX, startPasskeyRegistration } from '@/lib/passkeys/registration';
import { removePasskey } from '@/lib/passkeys/remove-passkey';
import { parseAuthenticationResponse, parseRegistrationResponse } from '@/lib/passkeys/webauthn-response';
import { confirmTotpSetup, startTotpSetup } from '@/lib/two-step/authenticator';
import { regenerateRecoveryCodes } from '@/lib/two-step/recovery-codes';
import { recordStepUp, stepUpWithCode } from '@/lib/two-step/step-up';
import { turnOffTotp, type TurnOffProof } from '@/lib/two-step/turn-off';
import { callbackPathSchema } from '@/lib/validation/fields';
import { totpCodeSchema } from '@/lib/validation/two-step';

// The Security page's actions (/account/security). Turning anything on or off, and new recovery
// codes, need a sign-in within FRESH_SIGN_IN_MINUTES (a step-up counts) or the current password;
// Turn off also a current code or a passkey.

const PAGE = '/account/security';

/** What a form that may end with new recovery codes answers: the codes are shown once, from here. */
export type CodesState = ActionState | { status: 'codes'; codes: string[] };

/** Null when the person is confirmed (a fresh sign-in, or the right current password); else the refusal. */
async function confirmIdentity(user: User, formData: FormData, t: Translate, now: Date): Promise<ActionState | null> {
  if (await hasFreshSignIn()) return null;
  if (!user.passwordHash) return errorState({ formError: t('security.freshRequired', { minutes: config.FRESH_SIGN_IN_MINUTES }), code: 'stale-sign-in' });
  const password = formData.get('currentPassword');
  if (typeof password !== 'string' || !password) return errorState({ fieldErrors: { currentPassword: [t('validation.required')] } });
  const check = await checkCurrentPassword(user, password.slice(0, 1024), now);
  if (check === 'correct') return null;
  const message = check === 'wrong-password' ? t('account.wrongPassword') : t('account.tooManyPasswordAttempts', { minutes: config.REAUTH_WINDOW_MINUTES });
  return errorState({ fieldErrors: { currentPassword: [message] } });
}

/** Set up authenticator app: a new secret waiting for its first code; the page then shows the QR code. */
export const startAuthenticatorSetup = formAction({ audience: 'user', returnTo: PAGE }, async ({ user, t, formData }) => {
  const now = new Date();
  const refused = await confirmIdentity(user, formData, t, now);
  if (refused) return refused;
  const started = await startTotpSetup(user.id, now);
  if (started.status === 'already-on') return errorState({ formError: t('security.app.alreadyOn') });
  redirect(`${PAGE}?setup=1`);
});

const codeSchema = z.object({ code: totpCodeSchema });

/** Turn on: the first current code from the app proves it has the secret; the first recovery codes come back once. */
export const turnOnAuthenticator = formAction(
  { audience: 'user', returnTo: PAGE, schema: codeSchema, input: (formData) => ({ code: formData.get('code') ?? '' }) },
  async ({ input: { code }, user, t }): Promise<CodesState> => {
    const outcome = await confirmTotpSetup(user.id, code, new Date());
    switch (outcome.status) {
      case 'enabled':
        deliverSoon();
        if (outcome.recoveryCodes) return { status: 'codes', codes: outcome.recoveryCodes };
        redirect(`${PAGE}?on=1`);
      case 'wrong-code':
        return errorState({ fieldErrors: { code: [t('security.app.wrongCode')] } });
      case 'no-setup':
        return errorState({ formError: t('security.app.noSetup') });
    }
  },
);

const passkeyProofSchema = z.object({ response: z.string().min(1).max(32_768) });

/** The proof Turn off was sent with: a passkey's answer when the form carries one, else a current code. */
function turnOffProofOf(formData: FormData, t: Translate): { proof: TurnOffProof } | { refused: ActionState } {
  const response = formData.get('response');
  if (response !== null && response !== '') {
    const parsed = passkeyProofSchema.safeParse({ response });
    const assertion = parsed.success ? parseAuthenticationResponse(parsed.data.response) : null;
    return assertion ? { proof: { kind: 'passkey', assertion } } : { refused: errorState({ formError: t('passkeys.stepUp.failed'), code: 'passkey-invalid' }) };
  }
  const parsed = codeSchema.safeParse({ code: formData.get('code') ?? '' });
  return parsed.success ? { proof: { kind: 'code', code: parsed.data.code } } : { refused: errorState({ fieldErrors: fieldErrorsOf(parsed.error, t) }) };
}

/**
 * Turn off: a fresh sign-in (or the password) and a current code or one of the person's passkeys;
 * the last factor gone, two-step is off and mailed.
 */
export const turnOffAuthenticator = formAction({ audience: 'user', returnTo: PAGE }, async ({ user, t, formData }) => {
  const now = new Date();
  const given = turnOffProofOf(formData, t);
  if ('refused' in given) return given.refused;
  const refused = await confirmIdentity(user, formData, t, now);
  if (refused) return refused;
  const outcome = await turnOffTotp({ userId: user.id, proof: given.proof, now });
  switch (outcome.status) {
    case 'off':
      deliverSoon();
      redirect(`${PAGE}?off=1`);
    case 'not-on':
      redirect(PAGE);
    case 'wrong-code':
      return errorState({ fieldErrors: { code: [t('security.app.wrongCode')] } });
    case 'too-many-attempts':
      return errorState({ fieldErrors: { code: [t('security.tooManyCodes', { minutes: config.REAUTH_WINDOW_MINUTES })] } });
    case 'passkey-invalid':
      return errorState({ formError: t('passkeys.stepUp.failed'), code: 'passkey-invalid' });
  }
});

/** Generate new codes: voids the old ones; the new ones come back once. */
export const generateRecoveryCodes = formAction({ audience: 'user', returnTo: PAGE }, async ({ user, t, formData }): Promise<CodesState> => {
  const now = new Date();
  const refused = await confirmIdentity(user, formData, t, now);
  if (refused) return refused;
  const codes = await regenerateRecoveryCodes(user.id, now);
  if (!codes) return errorState({ formError: t('security.codes.needsTwoStep') });
  deliverSoon();
  return { status: 'codes', codes };
});

const stepUpSchema = z.object({ code: totpCodeSchema, next: callbackPathSchema });

/**
 * "Confirm with a code from your authenticator app" on the sensitive forms: a current code counts
 * as a fresh sign-in on this session, then back to the form (`next`).
 */
export const confirmWithCode = formAction(
  { audience: 'user', returnTo: PAGE, schema: stepUpSchema, input: (formData) => ({ code: formData.get('code') ?? '', next: formData.get('next') ?? undefined }) },
  async ({ input: { code, next }, user, t }) => {
    const outcome = await stepUpWithCode(user.id, code, new Date());
    switch (outcome.status) {
      case 'confirmed':
        redirect(next ?? PAGE);
      case 'wrong-code':
        return errorState({ fieldErrors: { code: [t('security.app.wrongCode')] } });
      case 'too-many-attempts':
        return errorState({ fieldErrors: { code: [t('security.tooManyCodes', { minutes: config.REAUTH_WINDOW_MINUTES })] } });
      case 'signed-out':
        redirect(`/login?callbackUrl=${encodeURIComponent(next ?? PAGE)}`);
    }
  },
);

// The Passkeys section of /account/security and the "Confirm with a passkey" step-up. Adding and
// removing need a fresh sign-in (checked again here, whatever the page showed); the browser's
// WebAuthn answers arrive as JSON text in a form field.

export type OptionsResult<T> = { status: 'ok'; options: T } | { status: 'error'; message: string };

/** State of the add form: on success, the recovery codes when this passkey turned two-step on. */
export type AddPasskeyState = ActionState | { status: 'added'; message: string; recoveryCodes: string[] | null };

const freshRequired = (t: Translate) => t('passkeys.freshRequired', { minutes: config.FRESH_SIGN_IN_MINUTES });

/** Registration options for the signed-in person's browser (a challenge is stored for five minutes). */
export async function passkeyRegistrationOptions(): Promise<OptionsResult<PublicKeyCredentialCreationOptionsJSON>> {
  const user = await requireUser(PAGE);
  if (!(await hasFreshSignIn())) return { status: 'error', message: freshRequired(await getTranslations()) };
  return { status: 'ok', options: await startPasskeyRegistration(user, new Date()) };
}

const addSchema = z.object({
  name: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(PASSKEY_NAME_MAX, 'passkeys.add.nameTooLong'),
  response: z.string().max(32_768),
});

export const submitAddPasskey = formAction(
  {
    audience: 'fresh-user',
    returnTo: PAGE,
    stale: freshRequired,
    schema: addSchema,
    input: (form) => ({ name: form.get('name') ?? '', response: form.get('response') ?? '' }),
    echo: (form) => ({ name: String(form.get('name') ?? '').slice(0, 200) }),
  },
  async ({ input: { name, response: text }, user, t, values }): Promise<AddPasskeyState> => {
    const response = parseRegistrationResponse(text);
    if (!response) return errorState({ formError: t('passkeys.add.failed'), values, code: 'invalid-response' });
    const outcome = await addPasskey({ user, response, name, client: await getClientInfo(), now: new Date() });
    switch (outcome.status) {
      case 'added':
        revalidatePath(PAGE);
        return { status: 'added', message: t(outcome.recoveryCodes ? 'passkeys.add.addedTwoStepOn' : 'passkeys.add.added'), recoveryCodes: outcome.recoveryCodes };
      case 'already-registered':
        return errorState({ formError: t('passkeys.add.alreadyRegistered'), values, code: 'already-registered' });
      default:
        return errorState({ formError: t('passkeys.add.failed'), values, code: 'invalid-response' });
    }
  },
);

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
export const submitPasskeyStepUp = formAction({ audience: 'user', returnTo: stepUpReturnPath }, async ({ user, t, formData: form }) => {
  const response = parseAuthenticationResponse(form.get('response'));
  const now = new Date();
  const outcome = response ? await verifyPasskeyAssertion({ purpose: 'step_up', userId: user.id }, response, now) : null;
  const sessionId = await getCurrentSessionId();
  if (outcome?.status !== 'verified' || !sessionId) return errorState({ formError: t('passkeys.stepUp.failed'), code: 'passkey-invalid' });
  await recordStepUp(user.id, sessionId, now);
  redirect(stepUpReturnPath(form));
});

/** Where the passkey step-up goes back to: the form's `next` when it is a path on this site. */
function stepUpReturnPath(form: FormData): string {
  return safeReturnPath(form.get('next')) ?? '/account';
}
