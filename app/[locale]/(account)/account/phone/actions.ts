'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getFormatter, getLocale } from 'next-intl/server';
import { z } from 'zod';
import { formAction } from '@/lib/actions/form-action';
import { config } from '@/lib/config';
import { errorState } from '@/lib/forms/action-state';
import { getClientInfo } from '@/lib/http/client-info';
import { isLocale } from '@/lib/i18n/locale';
import { removePhone } from '@/lib/phone/remove-phone';
import { sendPhoneCode } from '@/lib/phone/send-phone-code';
import { verifyPhoneCode } from '@/lib/phone/verify-phone-code';
import { formatPhone, verifiablePhoneSchema } from '@/lib/validation/phone';

// /account/phone: every action is for a signed-in user (requireUser); the number changes only through a code.

const PAGE = '/account/phone';

const sendSchema = z.object({ phone: verifiablePhoneSchema(config.DEFAULT_PHONE_REGION, config.SMS_ALLOWED_COUNTRIES) });
const verifySchema = z.object({
  code: z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, 'phone.errors.codeFormat')),
});

async function clockTime(date: Date): Promise<string> {
  const format = await getFormatter();
  return format.dateTime(date, { hour: 'numeric', minute: '2-digit', second: '2-digit' });
}

/** "Send code": a code to the number typed, within the resend limits. */
export const requestPhoneCode = formAction(
  { audience: 'user', returnTo: PAGE, schema: sendSchema, input: (formData) => ({ phone: formData.get('phone') ?? '' }), echo: ['phone'] },
  async ({ input: { phone }, user, t, values }) => {
    const locale = await getLocale();
    const client = await getClientInfo();
    const outcome = await sendPhoneCode({ userId: user.id, phone, ip: client.ip, locale: isLocale(locale) ? locale : config.DEFAULT_LOCALE, now: new Date() });
    switch (outcome.status) {
      case 'sent':
        revalidatePath(PAGE);
        return {
          status: 'success',
          message: `${t('phone.codeSent', { phone: formatPhone(phone, config.DEFAULT_PHONE_REGION) })} ${t('phone.cooldown', { time: await clockTime(outcome.nextSendAt) })}`,
        };
      case 'same-number':
        return errorState({ fieldErrors: { phone: [t('phone.errors.sameNumber')] }, values });
      case 'too-soon':
        return errorState({ fieldErrors: { phone: [t('phone.errors.tooSoon', { time: await clockTime(outcome.retryAt) })] }, values });
      case 'limited':
        return errorState({ fieldErrors: { phone: [t('phone.errors.limited', { time: await clockTime(outcome.retryAt) })] }, values });
      case 'daily-cap':
        return errorState({ formError: t('phone.errors.dailyCap'), values });
      default:
        redirect('/login');
    }
  },
);

/** "Verify": the code sent to the number; the number is the account's once it matches. */
export const confirmPhoneCode = formAction(
  { audience: 'user', returnTo: PAGE, schema: verifySchema, input: (formData) => ({ code: formData.get('code') ?? '' }) },
  async ({ input: { code }, user, t }) => {
    const outcome = await verifyPhoneCode({ userId: user.id, code, now: new Date() });
    switch (outcome.status) {
      case 'verified':
        revalidatePath('/account');
        redirect('/account?phoneVerified=1');
      case 'wrong-code':
        return errorState({ fieldErrors: { code: [t('phone.errors.wrongCode', { left: outcome.triesLeft })] } });
      case 'too-many-tries':
        return errorState({ fieldErrors: { code: [t('phone.errors.tooManyTries')] } });
      case 'no-code':
        return errorState({ fieldErrors: { code: [t('phone.errors.noCode')] } });
    }
  },
);

export const removePhoneNumber = formAction({ audience: 'user', returnTo: PAGE }, async ({ user }) => {
  const client = await getClientInfo();
  const outcome = await removePhone({ userId: user.id, ip: client.ip, now: new Date() });
  if (outcome.status === 'not-found') redirect('/login');
  revalidatePath('/account');
  // The form goes with the number: the page itself says it was removed.
  redirect(`${PAGE}?removed=1`);
});
