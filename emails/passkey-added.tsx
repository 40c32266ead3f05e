import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function PasskeyAdded({ locale, appName, copy, securityUrl, resetUrl, sessionsUrl }: TemplateProps<'passkey-added'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.details}</MailText>
      <MailText>{copy.ifNotYou}</MailText>
      <MailButton href={securityUrl}>{copy.securityAction}</MailButton>
      <MailButton href={resetUrl}>{copy.resetAction}</MailButton>
      <MailButton href={sessionsUrl}>{copy.sessionsAction}</MailButton>
    </MailLayout>
  );
}

PasskeyAdded.PreviewProps = previewProps('passkey-added', {
  name: 'Mina Park',
  passkeyName: 'Chrome on macOS',
  addedAt: '2026-03-05T06:00:00.000Z',
  browser: 'Chrome 141',
  os: 'macOS 15',
  ip: '203.0.113.7',
  securityUrl: `${previewOrigin}/account/security`,
  sessionsUrl: `${previewOrigin}/account/sessions`,
  resetUrl: `${previewOrigin}/forgot-password`,
});
