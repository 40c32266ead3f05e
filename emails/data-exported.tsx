import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function DataExported({ locale, appName, copy, sessionsUrl, resetUrl }: TemplateProps<'data-exported'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.details}</MailText>
      <MailText>{copy.ifNotYou}</MailText>
      <MailButton href={resetUrl}>{copy.resetAction}</MailButton>
      <MailButton href={sessionsUrl}>{copy.sessionsAction}</MailButton>
    </MailLayout>
  );
}

DataExported.PreviewProps = previewProps('data-exported', {
  name: 'Mina Park',
  downloadedAt: '2026-03-05T06:00:00.000Z',
  browser: 'Firefox 133',
  os: 'macOS 14',
  ip: '203.0.113.7',
  sessionsUrl: `${previewOrigin}/account/sessions`,
  resetUrl: `${previewOrigin}/forgot-password`,
});
