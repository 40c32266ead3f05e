import 'server-only';
import type { ClaimedMail } from '@/db/mail-outbox';
import { config } from '@/lib/config';
import { isLocale } from '@/lib/i18n/locale';
import { renderSms } from './render-sms';
import { smsTemplates, type SmsProps, type SmsTemplate } from './templates';
import { getSmsTransport, type SmsOutcome } from './transport';

/** Renders one SMS outbox row and hands it to the SMS transport. */
export async function sendOutboxSms(row: ClaimedMail, now: Date): Promise<SmsOutcome> {
  if (!(smsTemplates as readonly string[]).includes(row.template)) return { status: 'rejected', error: `unknown SMS template ${row.template}` };
  if (!row.props) return { status: 'rejected', error: 'no props to render' };
  const props = row.props as SmsProps[SmsTemplate];
  // A code nobody can use any more is not worth paying for.
  if (props.expiresAt && new Date(props.expiresAt) <= now) return { status: 'rejected', error: 'code expired before it could be sent' };
  const text = renderSms(row.template as SmsTemplate, props, isLocale(row.locale) ? row.locale : config.DEFAULT_LOCALE, {
    appName: config.APP_NAME,
    appUrl: config.APP_URL,
  });
  return getSmsTransport().send({ to: row.toAddress, text, key: row.id, createdAt: row.createdAt }, { retrying: row.attempts > 1 });
}
