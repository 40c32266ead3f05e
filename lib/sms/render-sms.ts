import 'server-only';
import { createTranslator } from 'next-intl';
import en from '../../messages/en.json';
import ko from '../../messages/ko.json';
import type { Locale } from '@/db/schema';
import type { SmsProps, SmsTemplate } from './templates';

const catalogues = { en, ko } as const;

/**
 * The text of an SMS in the recipient's language. A code ends with the line `@host #code`, the
 * origin-bound form that WebOTP and one-time-code autofill read (the host without a port, as they want).
 */
export function renderSms<T extends SmsTemplate>(_template: T, props: SmsProps[T], locale: Locale, options: { appName: string; appUrl: string }): string {
  const t = createTranslator({ locale, messages: catalogues[locale], namespace: 'sms' });
  const otpLine = `@${new URL(options.appUrl).hostname} #${props.code}`;
  return `${t('phoneCode', { app: options.appName, code: props.code })}\n\n${otpLine}`;
}
