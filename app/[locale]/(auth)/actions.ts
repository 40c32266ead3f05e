'use server';

import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { after } from 'next/server';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { formAction } from '@/lib/actions/form-action';
import { resendVerificationLink } from '@/lib/auth/email-verification';
import { attemptLogin, recordInvalidLoginInput } from '@/lib/auth/login';
import { resetPasswordWithToken, sendPasswordResetLink } from '@/lib/auth/password-reset';
import { enabledSocialProviders, socialProviderIds } from '@/lib/auth/providers';
import { setRestoreCookie } from '@/lib/auth/restore-ticket';
import { reactivationLimitedPath, setReactivationCookie } from '@/lib/retention/reactivation-cookie';
import { completeSignIn } from '@/lib/auth/complete-sign-in';
import { SIGNUP_EMAIL_COOKIE, signUpAfterResponse } from '@/lib/auth/sign-up';
import { startSocialSignIn } from '@/lib/auth/social/start-social-sign-in';
import { errorState } from '@/lib/forms/action-state';
import { withWorkAfterResponse } from '@/lib/http/after-response';
import { getClientInfo } from '@/lib/http/client-info';
import { cookieOptions } from '@/lib/http/cookie-options';
import { safeReturnPath } from '@/lib/http/return-path';
import { getRequestLocale } from '@/lib/i18n/request-locale';
import { startPasskeyAssertion, verifyPasskeyAssertion } from '@/lib/passkeys/assertion';
import { rememberPasskeyProof } from '@/lib/passkeys/passkey-proof';
import { signInWithPasskey } from '@/lib/passkeys/sign-in-with-passkey';
import { startPasskeySignIn } from '@/lib/passkeys/start-passkey-sign-in';
import { parseAuthenticationResponse } from '@/lib/passkeys/webauthn-response';
import { completePendingTwoStep, failPendingTwoStep, readPendingTwoStep } from '@/lib/two-step/login-ticket';
import { callbackPathSchema, emailSchema, loginPasswordSchema, passwordIsNotEmail, passwordSchema, personNameSchema } from '@/lib/validation/fields';

const signUpSchema = z
  .object({
    name: personNameSchema,
    email: emailSchema,
    password: passwordSchema,
    terms: z.literal('on', { error: 'validation.mustAcceptTerms' }),
  })
  .refine((values) => passwordIsNotEmail(values.password, values.email), {
    path: ['password'],
    message: 'validation.passwordIsEmail',
    // Checked even when other fields failed, so every error shows at once.
    when: (payload) => {
      const value = payload.value as { password?: unknown; email?: unknown } | undefined;
      return typeof value?.password === 'string' && typeof value?.email === 'string';
    },
  });

export const signUp = formAction(
  {
    audience: 'visitor',
    schema: signUpSchema,
    input: (formData) => ({
      name: formData.get('name'),
      email: formData.get('email'),
      password: formData.get('password'),
      terms: formData.get('terms') ?? undefined,
    }),
    echo: ['name', 'email', 'terms', 'marketingEmail'],
  },
  async ({ input, formData }) => {
    // Created or address taken: the same redirect after the same work, so neither the page nor its
    // timing tells who has an account (the writes run after the response).
    const marketingEmail = formData.get('marketingEmail') === 'on';
    const { ip } = await getClientInfo();
    await withWorkAfterResponse(async (defer) => {
      await signUpAfterResponse({ ...input, marketingEmail, ip, locale: await getRequestLocale(), now: new Date() }, defer);
      (await cookies()).set(SIGNUP_EMAIL_COOKIE, input.email, cookieOptions('/signup', 30 * 60));
    });
    redirect('/signup/check-email');
  },
);

const emailOnlySchema = z.object({ email: emailSchema });
const readEmail = (formData: FormData) => ({ email: formData.get('email') });

export const resendVerification = formAction({ audience: 'visitor', schema: emailOnlySchema, input: readEmail, echo: ['email'] }, async ({ input: { email }, t }) => {
  // After the response: the answer is the same either way, and so must be its timing.
  after(() => resendVerificationLink(email, new Date()).then(() => undefined));
  return { status: 'success', message: t('auth.resend.sent') };
});

const logInSchema = z.object({ email: emailSchema, password: loginPasswordSchema, callbackUrl: callbackPathSchema });

export const logIn = formAction(
  {
    audience: 'visitor',
    schema: logInSchema,
    input: (formData) => ({ email: formData.get('email'), password: formData.get('password'), callbackUrl: formData.get('callbackUrl') ?? undefined }),
    echo: ['email'],
    // Refused input is logged as a failed sign-in too.
    invalid: async ({ fieldErrors, values, formData }) => {
      const typed = formData.get('email');
      await recordInvalidLoginInput({ email: typeof typed === 'string' ? typed : null, ...(await getClientInfo()), now: new Date() }, { defer: after });
      return errorState({ fieldErrors, values });
    },
  },
  async ({ input, t, values }) =>
    // The login log is written after the response, but handed to after() only once the cookies are set.
    withWorkAfterResponse(async (defer) => {
      const outcome = await attemptLogin({ email: input.email, password: input.password, ...(await getClientInfo()), now: new Date() }, { defer });
      switch (outcome.status) {
        case 'ok':
          // An expired password is changed first, wherever the person was headed.
          return completeSignIn(outcome.userId, outcome.mustChangePassword ? '/account/password?expired=1' : (input.callbackUrl ?? '/account'), 'password', { attemptLogged: true, twoStepOn: outcome.twoStepOn });
        case 'withdrawn':
          await setRestoreCookie(outcome.restoreTicket);
          redirect('/account/restore');
        case 'dormant':
          await setReactivationCookie(outcome.reactivationTicket);
          redirect('/reactivate');
        case 'reactivation-limited':
          // No new code; a ticket already in this browser keeps working for the last code sent.
          redirect(reactivationLimitedPath(outcome.limit));
        case 'unverified':
          return errorState({ formError: t('auth.login.unverified'), values, code: 'unverified' });
        default:
          return errorState({ formError: t('auth.login.invalid'), values });
      }
    }),
);

export const requestPasswordReset = formAction({ audience: 'visitor', schema: emailOnlySchema, input: readEmail, echo: ['email'] }, async ({ input: { email }, t }) => {
  // After the response: the answer is the same either way, and so must be its timing.
  after(() => sendPasswordResetLink(email, new Date()).then(() => undefined));
  return { status: 'success', message: t('auth.forgot.sent') };
});

const resetPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: passwordSchema,
    confirmPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required'),
  })
  .refine((values) => values.password === values.confirmPassword, {
    path: ['confirmPassword'],
    message: 'validation.passwordsDoNotMatch',
    when: (payload) => {
      const value = payload.value as { password?: unknown; confirmPassword?: unknown } | undefined;
      return typeof value?.password === 'string' && typeof value?.confirmPassword === 'string' && value.confirmPassword !== '';
    },
  });

export const resetPassword = formAction(
  {
    audience: 'visitor',
    schema: resetPasswordSchema,
    input: (formData) => ({ token: formData.get('token'), password: formData.get('password'), confirmPassword: formData.get('confirmPassword') }),
  },
  async ({ input, t }) => {
    const outcome = await resetPasswordWithToken(input.token, input.password, new Date());
    if (outcome.status === 'password-is-email') return errorState({ fieldErrors: { password: [t('validation.passwordIsEmail')] } });
    if (outcome.status === 'invalid') return errorState({ formError: t('auth.reset.invalid'), code: 'invalid-token' });
    redirect('/login?reset=1');
  },
);

const continueSchema = z.object({ provider: z.enum(socialProviderIds), callbackUrl: callbackPathSchema });

/** The "Continue with …" buttons on /login and /signup: off to the provider, back to callbackUrl or /account. */
export async function continueWithProvider(formData: FormData): Promise<void> {
  const parsed = continueSchema.safeParse({ provider: formData.get('provider'), callbackUrl: formData.get('callbackUrl') ?? undefined });
  if (!parsed.success || !enabledSocialProviders().some(({ id }) => id === parsed.data.provider)) redirect('/login?error=provider-error');
  const { provider, callbackUrl } = parsed.data;
  await startSocialSignIn(provider, { redirectTo: callbackUrl ?? '/account', failureRedirect: '/login?error=provider-error' });
}

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

export const submitPasskeySignIn = formAction({ audience: 'visitor' }, async ({ t, formData: form }) => {
  const response = parseAuthenticationResponse(form.get('response'));
  if (!response) return errorState({ formError: t('passkeys.signIn.failed'), code: 'passkey-invalid' });
  const callbackUrl = safeReturnPath(form.get('callbackUrl'));
  const outcome = await signInWithPasskey({ response, client: await getClientInfo(), now: new Date() });
  switch (outcome.status) {
    case 'ok':
      return completeSignIn(outcome.userId, outcome.mustChangePassword ? '/account/password?expired=1' : (callbackUrl ?? '/account'), 'passkey');
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
      return errorState({ formError: t('passkeys.signIn.failed'), code: 'passkey-invalid' });
  }
});

/** Options for the second factor: the pending sign-in's own passkeys only. */
export async function passkeySecondFactorOptions(): Promise<OptionsResult> {
  const pending = await readPendingTwoStep();
  if (!pending) return { status: 'error', message: (await getTranslations('passkeys'))('secondFactor.expired') };
  return { status: 'ok', options: await startPasskeyAssertion({ purpose: 'second_factor', userId: pending.userId }, new Date()) };
}

/** The second factor by passkey: the pending sign-in (this browser's ticket) is the authority. */
export const submitPasskeySecondFactor = formAction({ audience: 'visitor' }, async ({ t, formData: form }) => {
  const pending = await readPendingTwoStep();
  if (!pending) redirect('/login');
  const response = parseAuthenticationResponse(form.get('response'));
  const outcome = response ? await verifyPasskeyAssertion({ purpose: 'second_factor', userId: pending.userId }, response, new Date()) : null;
  if (outcome?.status === 'verified') return completePendingTwoStep('passkey');
  if ((await failPendingTwoStep('passkey_failed')) === 'ended') redirect('/login?twoStep=ended');
  return errorState({ formError: t('passkeys.secondFactor.failed'), code: 'passkey-invalid' });
});
