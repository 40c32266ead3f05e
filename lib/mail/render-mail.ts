import 'server-only';
import { renderTemplate } from '@/emails/render';
import { config } from '@/lib/config';
import { knownTimeZoneOr } from '@/lib/i18n/time-zone';
import { composeMail, type MailLocale } from './copy';
import type { MailProps, MailTemplate } from './templates';

export type RenderedMessage = { subject: string; html: string; text: string };

/**
 * A mail ready to send: subject, HTML and text in the recipient's locale, dates in the recipient's
 * time zone (ADMIN_TIMEZONE when they have not chosen one, or when the name is unknown here).
 */
export async function renderMail<T extends MailTemplate>(template: T, props: MailProps[T], locale: MailLocale, timeZone?: string | null): Promise<RenderedMessage> {
  const { subject, element } = composeMail(template, props, locale, { appName: config.APP_NAME, timeZone: knownTimeZoneOr(timeZone, config.ADMIN_TIMEZONE) });
  const { html, text } = await renderTemplate(template, element);
  return { subject, html, text };
}
