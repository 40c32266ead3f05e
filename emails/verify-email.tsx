import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function VerifyEmail({ locale, appName, copy, verifyUrl }: TemplateProps<'verify-email'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailButton href={verifyUrl}>{copy.action}</MailButton>
      <MailText muted>{copy.expiry}</MailText>
      <MailText muted>{copy.ignore}</MailText>
    </MailLayout>
  );
}

VerifyEmail.PreviewProps = previewProps('verify-email', {
  verifyUrl: `${previewOrigin}/verify-email?token=preview-token`,
  expiresAt: '2026-03-06T06:00:00.000Z',
});
