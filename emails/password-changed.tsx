import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function PasswordChanged({ locale, appName, copy, resetUrl }: TemplateProps<'password-changed'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.warning}</MailText>
      <MailButton href={resetUrl}>{copy.action}</MailButton>
    </MailLayout>
  );
}

PasswordChanged.PreviewProps = previewProps('password-changed', {
  name: 'Mina Park',
  changedAt: '2026-03-05T06:00:00.000Z',
  resetUrl: `${previewOrigin}/forgot-password`,
});
