// The words of every mail, translated with next-intl outside any React request. Pure: no config,
// no database, so the react-email preview server (emails/) can build preview props with it too.
import { createTranslator, type Formats } from 'next-intl';
import en from '../../messages/en.json';
import ko from '../../messages/ko.json';
import { senderName } from '../consent/sender';
import { describeProcessing, type ProcessingTable, type ProcessingTranslate } from '../privacy/processing';
import type { MailProps, MailTemplate } from './templates';

export type MailLocale = 'en' | 'ko';

type EmailMessages = (typeof en)['emails'];
type CommonCopy = { [K in keyof EmailMessages['common']]: string };

/** Every string of one template, translated and filled in: what a template renders. */
export type MailCopy<T extends MailTemplate> = { [K in keyof EmailMessages[T]]: string } & CommonCopy;

/** What every template receives: its props, the translated copy, and the frame around it. */
export type TemplateProps<T extends MailTemplate> = MailProps[T] & {
  locale: MailLocale;
  appName: string;
  copy: MailCopy<T>;
} & (T extends 'privacy-usage-notice' ? { processing: ProcessingTable } : unknown);

export type ComposeOptions = { appName: string; timeZone: string };

const catalogues: Record<MailLocale, { emails: Record<string, Record<string, string>>; privacyProcessing: unknown }> = { en, ko };

// Moments carry the zone name: a reader abroad still knows when a link stops working. Korean
// mail uses the 24-hour clock (some ICU builds print "PM" instead of 오후).
const moment = { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } as const;
const day = { year: 'numeric', month: 'long', day: 'numeric' } as const;
const formats: Record<MailLocale, Formats> = {
  en: { dateTime: { moment, day } },
  ko: { dateTime: { moment: { ...moment, hourCycle: 'h23' }, day } },
};

// Props that hold an ISO date; the messages format them with `{x, date, moment|day}`.
const dateProps = new Set([
  'expiresAt',
  'changedAt',
  'withdrawnAt',
  'deletionDate',
  'deletedAt',
  'dormancyDate',
  'dormantAt',
  'purgeDate',
  'lockedUntil',
  'signedInAt',
  'downloadedAt',
  'consentedAt',
  'validUntil',
  'usedAt',
  'addedAt',
]);

type Translate = (key: string, values?: Record<string, string | number | Date>) => string;
const translators = new Map<string, Translate>();

function translatorFor(locale: MailLocale, timeZone: string): Translate {
  const cacheKey = `${locale}|${timeZone}`;
  let translate = translators.get(cacheKey);
  if (!translate) {
    const translator = createTranslator({ locale, messages: catalogues[locale], namespace: 'emails', timeZone, formats: formats[locale] });
    translate = (key, values) => textOf(translator.rich(key as never, values as never) as unknown);
    translators.set(cacheKey, translate);
  }
  return translate;
}

/**
 * A line the mail leaves out (a select's `other {}`: no consent ended) formats to nothing. In the
 * app's build the catalogues are precompiled (next.config.ts), and next-intl's formatter for them
 * (use-intl 4.14–4.15, format-only) gives an empty list for it, which t() refuses as an invalid
 * message, and markup() too in development; rich() hands the result back as it is. Mail copy has no
 * tags, so the parts are text.
 */
function textOf(formatted: unknown): string {
  return Array.isArray(formatted) ? formatted.join('') : String(formatted);
}

function valuesOf(props: Record<string, unknown>, appName: string): Record<string, string | number | Date> {
  const values: Record<string, string | number | Date> = {
    appName,
    name: typeof props.name === 'string' ? props.name : '',
    hasName: typeof props.name === 'string' && props.name.trim() ? 'yes' : 'no',
    hasDays: typeof props.daysLeft === 'number' ? 'yes' : 'no',
    // Consent notices name the operator too; mails queued before OPERATOR_NAME existed have none.
    sender: senderName(typeof props.operatorName === 'string' ? props.operatorName : undefined, appName),
    endedChannels: endedChannels(props.marketingEmail === 'withdrawn', props.marketingSms === 'withdrawn'),
  };
  for (const [key, value] of Object.entries(props)) {
    if (key === 'name') continue;
    if (dateProps.has(key) && typeof value === 'string') values[key] = new Date(value);
    else if (typeof value === 'string' || typeof value === 'number') values[key] = value;
  }
  return values;
}

function endedChannels(email: boolean, sms: boolean): string {
  return email && sms ? 'both' : email ? 'email' : sms ? 'sms' : 'none';
}

/** The yearly notice of use carries the processing table, built from the one source in lib/privacy. */
function extraElementProps(template: MailTemplate, props: Record<string, unknown>, locale: MailLocale): Record<string, unknown> {
  if (template !== 'privacy-usage-notice') return {};
  const translate = createTranslator({ locale, messages: catalogues[locale], namespace: 'privacyProcessing' }) as unknown as ProcessingTranslate;
  return { processing: describeProcessing(translate, (props as MailProps['privacy-usage-notice']).settings) };
}

/** The subject and translated copy of a mail in the recipient's locale. */
export function composeMail<T extends MailTemplate>(
  template: T,
  props: MailProps[T],
  locale: MailLocale,
  options: ComposeOptions,
): { subject: string; element: TemplateProps<T> } {
  const translate = translatorFor(locale, options.timeZone);
  const values = valuesOf(props as Record<string, unknown>, options.appName);
  const copy: Record<string, string> = {};
  for (const key of Object.keys(catalogues[locale].emails.common)) copy[key] = translate(`common.${key}`, values);
  for (const key of Object.keys(catalogues[locale].emails[template])) copy[key] = translate(`${template}.${key}`, values);
  return {
    subject: copy.subject,
    element: {
      ...props,
      ...extraElementProps(template, props as Record<string, unknown>, locale),
      locale,
      appName: options.appName,
      copy: copy as MailCopy<T>,
    } as TemplateProps<T>,
  };
}
