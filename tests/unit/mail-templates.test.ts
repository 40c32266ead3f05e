import { describe, expect, it } from 'vitest';
import { renderTemplate, renderTemplateDirect, templateComponents } from '@/emails/render';
import { composeMail, type MailLocale, type TemplateProps } from '@/lib/mail/copy';
import { mailTemplates, type MailProps, type MailTemplate } from '@/lib/mail/templates';
import en from '@/messages/en.json';
import ko from '@/messages/ko.json';

const options = { appName: 'Lifecycle', timeZone: 'Asia/Seoul' };

// The preview props of each template, without the copy built for the preview: the raw mail props.
function sampleProps<T extends MailTemplate>(template: T): MailProps[T] {
  const preview = (templateComponents[template] as unknown as { PreviewProps: TemplateProps<T> }).PreviewProps;
  const props: Record<string, unknown> = { ...preview };
  for (const frame of ['copy', 'locale', 'appName']) delete props[frame];
  return props as MailProps[T];
}

const urlsOf = (props: object) => Object.entries(props).filter(([key]) => key.endsWith('Url')).map(([, value]) => value as string);

describe.each(['en', 'ko'] as MailLocale[])('mail templates in %s', (locale) => {
  it.each(mailTemplates)('%s renders a subject, its links and a text part in the locale', async (template) => {
    const props = sampleProps(template);
    const { subject, element } = composeMail(template, props, locale, options);
    const { html, text } = await renderTemplate(template, element);

    expect(subject).toContain('Lifecycle');
    expect(subject).not.toMatch(/[{}]/);
    expect(html).toMatch(new RegExp(`<html[^>]* lang="${locale}"`));
    expect(html).not.toMatch(/[\uE000\uE001]/);
    expect(text).not.toMatch(/[\uE000\uE001{}]/);

    const links = urlsOf(props);
    if (template !== 'email-changed' && template !== 'account-deleted' && template !== 'reactivation-code') expect(links.length).toBeGreaterThan(0);
    for (const url of links) {
      expect(html).toContain(`href="${url}"`);
      expect(text).toContain(url);
    }

    // The text part carries the message itself, the greeting and why the mail was sent.
    expect(text).toContain(element.copy.heading);
    expect(text).toContain(element.copy.greeting);
    expect(text).toContain(element.copy.reason);
    expect(text).not.toContain(element.copy.preview);
    if (locale === 'ko') expect(text).toMatch(/[가-힣]/);
    if ('code' in props) expect(text).toContain(props.code);
  });

  it.each(mailTemplates)('%s from a cached skeleton equals a direct render', async (template) => {
    const props = { ...sampleProps(template), name: `O'Brien & <Co> "${locale}"` };
    const { element } = composeMail(template, props as MailProps[typeof template], locale, options);
    await renderTemplate(template, composeMail(template, sampleProps(template), locale, options).element);
    expect(await renderTemplate(template, element)).toEqual(await renderTemplateDirect(template, element));
  });
});

describe('mail copy', () => {
  it('has the same keys in English and Korean', () => {
    const keys = (messages: typeof en) =>
      Object.entries(messages.emails).flatMap(([group, strings]) => Object.keys(strings).map((key) => `${group}.${key}`)).sort();
    expect(keys(ko as typeof en)).toEqual(keys(en));
  });

  it('formats moments in the configured time zone with its name, and dates without a time', () => {
    const enCopy = composeMail('verify-email', sampleProps('verify-email'), 'en', options).element.copy;
    expect(enCopy.expiry).toContain('March 6, 2026');
    expect(enCopy.expiry).toMatch(/3:00\sPM GMT\+9/);
    const koCopy = composeMail('withdrawal-confirmed', sampleProps('withdrawal-confirmed'), 'ko', options).element.copy;
    expect(koCopy.body).toContain('2026년 5월 4일에 삭제됩니다');
    expect(koCopy.body).toMatch(/2026년 3월 5일 15:00 GMT\+9에/);
    const utc = composeMail('verify-email', sampleProps('verify-email'), 'en', { ...options, timeZone: 'UTC' }).element.copy;
    expect(utc.expiry).toMatch(/6:00\sAM UTC/);
  });

  it('greets by name when there is one and plainly otherwise', () => {
    expect(composeMail('reset-password', { ...sampleProps('reset-password'), name: 'Mina' }, 'en', options).element.copy.greeting).toBe('Hi Mina,');
    expect(composeMail('reset-password', { ...sampleProps('reset-password'), name: null }, 'en', options).element.copy.greeting).toBe('Hi there,');
    expect(composeMail('reset-password', { ...sampleProps('reset-password'), name: '민아' }, 'ko', options).element.copy.greeting).toBe('민아님, 안녕하세요.');
  });

  it('says how many days are left before dormancy when told', () => {
    const props = sampleProps('dormancy-warning');
    expect(composeMail('dormancy-warning', { ...props, daysLeft: 30 }, 'en', options).element.copy.body).toContain('In 30 days, on April 4, 2026,');
    expect(composeMail('dormancy-warning', { ...props, daysLeft: undefined }, 'en', options).element.copy.body).toContain('On April 4, 2026');
    expect(composeMail('dormancy-warning', { ...props, daysLeft: 30 }, 'ko', options).element.copy.body).toContain('30일 뒤인 2026년 4월 4일에');
  });
});
