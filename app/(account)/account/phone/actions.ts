'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { type ActionState, echoValues, errorState, fieldErrorsOf } from '@/lib/forms/action-state';
import { getClientInfo } from '@/lib/http/client-info';
import { isLocale } from '@/lib/i18n/locale';
import { removePhone } from '@/lib/phone/remove-phone';
import { sendPhoneCode } from '@/lib/phone/send-phone-code';
import { verifyPhoneCode } from '@/lib/phone/verify-phone-code';
import { formatPhone, verifiablePhoneSchema } from '@/lib/validation/phone';

// /account/phone: every action asks requireUser first; the number changes only through a code.

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

export async function sendPhoneCodeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser(PAGE);
  const t = await getTranslations('phone');
  const values = echoValues(formData, ['phone']);
  const parsed = sendSchema.safeParse({ phone: formData.get('phone') ?? '' });
  if (!parsed.success) return errorState({ fieldErrors: fieldErrorsOf(parsed.error, await getTranslations()), values });
  const locale = await getLocale();
  const client = await getClientInfo();
  const outcome = await sendPhoneCode({
    userId: user.id,
    phone: parsed.data.phone,
    ip: client.ip,
    locale: isLocale(locale) ? locale : config.DEFAULT_LOCALE,
    now: new Date(),
  });
  switch (outcome.status) {
    case 'sent':
      revalidatePath(PAGE);
      return {
        status: 'success',
        message: `${t('codeSent', { phone: formatPhone(parsed.data.phone, config.DEFAULT_PHONE_REGION) })} ${t('cooldown', { time: await clockTime(outcome.nextSendAt) })}`,
      };
    case 'same-number':
      return errorState({ fieldErrors: { phone: [t('errors.sameNumber')] }, values });
    case 'too-soon':
      return errorState({ fieldErrors: { phone: [t('errors.tooSoon', { time: await clockTime(outcome.retryAt) })] }, values });
    case 'limited':
      return errorState({ fieldErrors: { phone: [t('errors.limited', { time: await clockTime(outcome.retryAt) })] }, values });
    case 'daily-cap':
      return errorState({ formError: t('errors.dailyCap'), values });
    default:
      redirect('/login');
  }
}

export async function verifyPhoneCodeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requireUser(PAGE);
  const t = await getTranslations('phone');
  const parsed = verifySchema.safeParse({ code: formData.get('code') ?? '' });
  if (!parsed.success) return errorState({ fieldErrors: fieldErrorsOf(parsed.error, await getTranslations()) });
  const outcome = await verifyPhoneCode({ userId: user.id, code: parsed.data.code, now: new Date() });
  switch (outcome.status) {
    case 'verified':
      revalidatePath('/account');
      redirect('/account?phoneVerified=1');
    case 'wrong-code':
      return errorState({ fieldErrors: { code: [t('errors.wrongCode', { left: outcome.triesLeft })] } });
    case 'too-many-tries':
      return errorState({ fieldErrors: { code: [t('errors.tooManyTries')] } });
    case 'no-code':
      return errorState({ fieldErrors: { code: [t('errors.noCode')] } });
  }
}

export async function removePhoneAction(): Promise<ActionState> {
  const user = await requireUser(PAGE);
  const client = await getClientInfo();
  const outcome = await removePhone({ userId: user.id, ip: client.ip, now: new Date() });
  if (outcome.status === 'not-found') redirect('/login');
  revalidatePath('/account');
  // The form goes with the number: the page itself says it was removed.
  redirect(`${PAGE}?removed=1`);
}
