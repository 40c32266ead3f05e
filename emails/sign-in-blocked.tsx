import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function SignInBlocked({ locale, appName, copy, resetUrl }: TemplateProps<'sign-in-blocked'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.advice}</MailText>
      <MailButton href={resetUrl}>{copy.action}</MailButton>
    </MailLayout>
  );
}

SignInBlocked.PreviewProps = previewProps('sign-in-blocked', {
  name: 'Mina Park',
  lockedUntil: '2026-03-05T06:15:00.000Z',
  resetUrl: `${previewOrigin}/forgot-password`,
});
