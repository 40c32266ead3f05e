import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function NewSignIn({ locale, appName, copy, sessionsUrl, resetUrl }: TemplateProps<'new-sign-in'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.details}</MailText>
      <MailText>{copy.ifYou}</MailText>
      <MailButton href={sessionsUrl}>{copy.sessionsAction}</MailButton>
      <MailText>{copy.ifNotYou}</MailText>
      <MailButton href={resetUrl}>{copy.resetAction}</MailButton>
    </MailLayout>
  );
}

NewSignIn.PreviewProps = previewProps('new-sign-in', {
  name: 'Mina Park',
  signedInAt: '2026-03-05T06:00:00.000Z',
  browser: 'Chrome 131',
  os: 'Windows 10',
  ip: '203.0.113.7',
  sessionsUrl: `${previewOrigin}/account/sessions`,
  resetUrl: `${previewOrigin}/forgot-password`,
});
