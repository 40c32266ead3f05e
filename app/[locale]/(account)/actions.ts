'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { signOut } from '@/auth';
import type { Locale, User } from '@/db/schema';
import { formAction, type Translate } from '@/lib/actions/form-action';
import { changePassword } from '@/lib/account/change-password';
import { confirmPhrase, withdrawalReasons } from '@/lib/account/withdrawal-reasons';
import { cancelEmailChange } from '@/lib/account/pending-email-change';
import { requestEmailChange } from '@/lib/account/request-email-change';
import { declineRestore, restoreAccount } from '@/lib/account/restore-account';
import { updateMarketingConsent } from '@/lib/account/update-marketing-consent';
import { updateProfile, updateTimeZone } from '@/lib/account/update-profile';
import { withdrawAccount } from '@/lib/account/withdraw-account';
import { hasFreshSignIn } from '@/lib/auth/fresh-sign-in';
import { RESTORE_COOKIE } from '@/lib/auth/restore-ticket';
import { getSessionAuthTime } from '@/lib/auth/session';
import { setInitialPassword } from '@/lib/auth/set-initial-password';
import { completeSignIn } from '@/lib/auth/complete-sign-in';
import { config } from '@/lib/config';
import { hasRecentStepUp } from '@/lib/two-step/step-up';
import { errorState } from '@/lib/forms/action-state';
import { signInMethodForTicket } from '@/lib/passkeys/passkey-proof';
import { getClientInfo } from '@/lib/http/client-info';
import { isLocale } from '@/lib/i18n/locale';
import { emailSchema, freeTextSchema, loginPasswordSchema, passwordIsNotEmail, passwordSchema, personNameSchema, timeZoneSchema } from '@/lib/validation/fields';

// Every action here is for a signed-in user (the `user` audience: requireUser, which also enforces a
// forced password change from the database flag), except restore/keep-closed, which act on the
// restore ticket of a withdrawn person.

async function requestLocale(): Promise<Locale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : config.DEFAULT_LOCALE;
}

/** What shows under Current password when a sensitive form refuses it. */
function currentPasswordRefusal(t: Translate, status: 'wrong-password' | 'too-many-attempts'): string {
  return status === 'wrong-password' ? t('account.wrongPassword') : t('account.tooManyPasswordAttempts', { minutes: config.REAUTH_WINDOW_MINUTES });
}

// No phone here: the number changes only through /account/phone, with a code.
const profileSchema = z.object({ name: personNameSchema });

export const saveProfile = formAction(
  {
    audience: 'user',
    returnTo: '/account',
    schema: profileSchema,
    input: (formData) => ({ name: formData.get('name') ?? '' }),
    echo: ['name'],
  },
  async ({ input, user, t }) => {
    await updateProfile(user.id, input);
    revalidatePath('/account');
    return { status: 'success', message: t('account.profile.saved') };
  },
);

export const saveTimeZone = formAction(
  {
    audience: 'user',
    returnTo: '/account/time-zone',
    schema: z.object({ timeZone: timeZoneSchema }),
    input: (formData) => ({ timeZone: formData.get('timeZone') ?? '' }),
    echo: ['timeZone'],
  },
  async ({ input, user, t }) => {
    await updateTimeZone(user.id, input.timeZone);
    revalidatePath('/account');
    return { status: 'success', message: t('account.timeZone.saved') };
  },
);

export const saveNotifications = formAction({ audience: 'user', returnTo: '/account' }, async ({ user, t, formData }) => {
  const client = await getClientInfo();
  const outcome = await updateMarketingConsent({
    userId: user.id,
    email: formData.get('marketingEmail') === 'on',
    sms: formData.get('marketingSms') === 'on',
    ip: client.ip,
    now: new Date(),
    locale: await requestLocale(),
  });
  if (outcome.status === 'phone-unverified') return errorState({ fieldErrors: { marketingSms: [t('notificationsSms.needsPhone')] } });
  revalidatePath('/account');
  return { status: 'success', message: t('account.notifications.saved') };
});

/** What shows when a form that needs a recent sign-in finds this one too old. */
function freshSignInExpired(t: Translate): string {
  return t('account.freshSignIn.expired', { minutes: config.FRESH_SIGN_IN_MINUTES });
}

type PasswordChangeInput = { currentPassword: string | null; newPassword: string; confirmPassword: string };

const passwordChangeSchema = z
  .object({
    currentPassword: loginPasswordSchema,
    newPassword: passwordSchema,
    confirmPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required'),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDoNotMatch' })
  .refine((input) => input.newPassword !== input.currentPassword, { path: ['newPassword'], message: 'account.password.sameAsCurrent' });

// currentPassword null: the step-up was checked instead (changePassword does not ask for it).
const steppedUpPasswordChangeSchema = z
  .object({
    currentPassword: z
      .string()
      .optional()
      .transform(() => null),
    newPassword: passwordSchema,
    confirmPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required'),
  })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDoNotMatch' });

/** The caller's password form: a step-up on this session (a current code or passkey) stands in for the current password. */
async function passwordChangeSchemaFor(user: User): Promise<z.ZodType<PasswordChangeInput>> {
  const schema: z.ZodType<PasswordChangeInput> = (await hasRecentStepUp()) ? steppedUpPasswordChangeSchema : passwordChangeSchema;
  return schema.refine((input) => passwordIsNotEmail(input.newPassword, user.email), { path: ['newPassword'], message: 'validation.passwordIsEmail' });
}

export const submitPasswordChange = formAction(
  {
    audience: 'user',
    returnTo: '/account/password',
    allowExpiredPassword: true,
    schema: passwordChangeSchemaFor,
    input: (formData) => ({
      currentPassword: formData.get('currentPassword') ?? '',
      newPassword: formData.get('newPassword') ?? '',
      confirmPassword: formData.get('confirmPassword') ?? '',
    }),
  },
  async ({ input, user, t }) => {
    const outcome = await changePassword({
      userId: user.id,
      currentPassword: input.currentPassword,
      newPassword: input.newPassword,
      locale: await requestLocale(),
      now: new Date(),
    });
    switch (outcome.status) {
      case 'changed':
        // session_version moved on, so this session too is stale: open a fresh one here, the others stay ended.
        return completeSignIn(user.id, '/account?passwordChanged=1', 'password');
      case 'wrong-password':
      case 'too-many-attempts':
        return errorState({ fieldErrors: { currentPassword: [currentPasswordRefusal(t, outcome.status)] } });
      case 'same-password':
        return errorState({ fieldErrors: { newPassword: [t('account.password.sameAsCurrent')] } });
      default:
        redirect('/login');
    }
  },
);

const initialPasswordSchema = z
  .object({ newPassword: passwordSchema, confirmPassword: z.string({ error: 'validation.required' }).min(1, 'validation.required') })
  .refine((input) => input.newPassword === input.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDoNotMatch' });

/** An account that signs in only through providers sets its first password; needs a recent sign-in, checked again here. */
export const submitInitialPassword = formAction(
  {
    audience: 'user',
    returnTo: '/account/password',
    // Before the form is read, in this order: a password set since the page loaded, then a stale sign-in.
    refuse: async ({ user, t }) => {
      if (user.passwordHash) return errorState({ formError: t('account.password.alreadySet') });
      if (!(await hasFreshSignIn())) return errorState({ formError: freshSignInExpired(t), code: 'stale-sign-in' });
      return null;
    },
    schema: (user) => initialPasswordSchema.refine((input) => passwordIsNotEmail(input.newPassword, user.email), { path: ['newPassword'], message: 'validation.passwordIsEmail' }),
    input: (formData) => ({ newPassword: formData.get('newPassword') ?? '', confirmPassword: formData.get('confirmPassword') ?? '' }),
  },
  async ({ input, user, t }) => {
    const outcome = await setInitialPassword(user.id, input.newPassword, new Date());
    switch (outcome.status) {
      case 'set':
        redirect('/account?passwordSet=1');
      case 'password-exists':
        return errorState({ formError: t('account.password.alreadySet') });
      default:
        redirect('/login');
    }
  },
);

type EmailChangeInput = { newEmail: string; currentPassword: string | null };

const emailChangeSchema = z.object({ newEmail: emailSchema, currentPassword: loginPasswordSchema });
const steppedUpEmailChangeSchema = z.object({ newEmail: emailSchema, currentPassword: z.unknown().transform(() => null) });

export const submitEmailChange = formAction(
  {
    audience: 'user',
    returnTo: '/account/email',
    // A step-up on this session (a current code or passkey) stands in for the current password.
    schema: async (): Promise<z.ZodType<EmailChangeInput>> => ((await hasRecentStepUp()) ? steppedUpEmailChangeSchema : emailChangeSchema),
    input: (formData) => ({ newEmail: formData.get('newEmail') ?? '', currentPassword: formData.get('currentPassword') ?? '' }),
    echo: ['newEmail'],
  },
  async ({ input, user, t, values }) => {
    const outcome = await requestEmailChange({ userId: user.id, ...input, locale: await requestLocale(), now: new Date() });
    switch (outcome.status) {
      case 'sent':
        revalidatePath('/account');
        return { status: 'success', message: t('account.email.sent', { email: input.newEmail }) };
      case 'wrong-password':
      case 'too-many-attempts':
        return errorState({ fieldErrors: { currentPassword: [currentPasswordRefusal(t, outcome.status)] }, values });
      case 'same-email':
        return errorState({ fieldErrors: { newEmail: [t('account.email.sameEmail')] }, values });
      case 'too-many-requests':
        return errorState({ fieldErrors: { newEmail: [t('sendLimits.emailChange')] }, values });
      default:
        redirect('/login');
    }
  },
);

export const cancelPendingEmailChange = formAction({ audience: 'user', returnTo: '/account' }, async ({ user, t }) => {
  await cancelEmailChange(user.id, new Date());
  revalidatePath('/account');
  return { status: 'success', message: t('account.pendingEmail.cancelled') };
});

const withdrawSchema = z.object({
  confirmation: z
    .string()
    .trim()
    .refine((value) => value === confirmPhrase, 'account.withdraw.phraseMismatch'),
  reason: z.union([z.enum(withdrawalReasons), z.literal('')]),
  details: freeTextSchema(1000),
});

/**
 * The caller's withdrawal form: an account with a password confirms with it; one without (social
 * sign-in only) by a recent sign-in; either by a step-up on this session (a current code or passkey).
 */
async function withdrawSchemaFor(user: User) {
  const steppedUp = await hasRecentStepUp();
  return withdrawSchema
    .extend({ currentPassword: user.passwordHash && !steppedUp ? loginPasswordSchema : z.string().optional() })
    .transform((input) => ({ ...input, steppedUp }));
}

export const withdraw = formAction(
  {
    audience: 'user',
    returnTo: '/account/withdraw',
    schema: withdrawSchemaFor,
    input: (formData) => ({
      currentPassword: formData.get('currentPassword') ?? '',
      confirmation: formData.get('confirmation') ?? '',
      reason: formData.get('reason') ?? '',
      details: formData.get('details') ?? '',
    }),
    echo: ['confirmation', 'reason', 'details'],
  },
  async ({ input, user, t, values }) => {
    const outcome = await withdrawAccount({
      userId: user.id,
      confirmation: input.steppedUp
        ? { kind: 'step_up' }
        : user.passwordHash
          ? { kind: 'password', password: input.currentPassword ?? '' }
          : { kind: 'fresh_sign_in', authTime: await getSessionAuthTime() },
      reason: [input.reason, input.details].filter(Boolean).join(': ') || null,
      locale: await requestLocale(),
      now: new Date(),
    });
    switch (outcome.status) {
      case 'wrong-password':
      case 'too-many-attempts':
        return errorState({ fieldErrors: { currentPassword: [currentPasswordRefusal(t, outcome.status)] }, values });
      case 'stale-sign-in':
        return errorState({ formError: freshSignInExpired(t), values, code: 'stale-sign-in' });
      case 'password-required':
        // A password was set since the page loaded: show the form that asks for it.
        redirect('/account/withdraw');
    }
    await signOut({ redirectTo: outcome.status === 'withdrawn' ? '/?withdrawn=1' : '/' });
    return { status: 'idle' };
  },
);

/** Restore: the restore ticket in this browser's cookie is the authority (no session: the account is withdrawn). */
export const restore = formAction({ audience: 'visitor' }, async ({ t }) => {
  const cookieStore = await cookies();
  const client = await getClientInfo();
  const ticket = cookieStore.get(RESTORE_COOKIE)?.value ?? '';
  // Started by a passkey: both factors were given already.
  const method = await signInMethodForTicket(ticket, 'restore');
  const outcome = await restoreAccount({ ticket, method, ...client, now: new Date() });
  cookieStore.delete(RESTORE_COOKIE);
  if (outcome.status !== 'restored') return errorState({ formError: t('account.restore.unavailable') });
  return completeSignIn(outcome.userId, '/account?restored=1', method, { attemptLogged: true });
});

export async function keepClosed(): Promise<void> {
  const cookieStore = await cookies();
  await declineRestore(cookieStore.get(RESTORE_COOKIE)?.value ?? '', new Date());
  cookieStore.delete(RESTORE_COOKIE);
  await signOut({ redirectTo: '/' });
}
