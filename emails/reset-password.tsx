import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function ResetPassword({ locale, appName, copy, resetUrl }: TemplateProps<'reset-password'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailButton href={resetUrl}>{copy.action}</MailButton>
      <MailText muted>{copy.expiry}</MailText>
      <MailText muted>{copy.ignore}</MailText>
    </MailLayout>
  );
}

ResetPassword.PreviewProps = previewProps('reset-password', {
  name: 'Mina Park',
  resetUrl: `${previewOrigin}/reset-password?token=preview-token`,
  expiresAt: '2026-03-05T07:00:00.000Z',
});
