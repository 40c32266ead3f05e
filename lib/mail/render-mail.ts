import 'server-only';
import { renderTemplate } from '@/emails/render';
import { config } from '@/lib/config';
import { composeMail, type MailLocale } from './copy';
import type { MailProps, MailTemplate } from './templates';

export type RenderedMessage = { subject: string; html: string; text: string };

/** A mail ready to send: subject, HTML and text in the recipient's locale, dates in ADMIN_TIMEZONE. */
export async function renderMail<T extends MailTemplate>(template: T, props: MailProps[T], locale: MailLocale): Promise<RenderedMessage> {
  const { subject, element } = composeMail(template, props, locale, { appName: config.APP_NAME, timeZone: config.ADMIN_TIMEZONE });
  const { html, text } = await renderTemplate(template, element);
  return { subject, html, text };
}
