import { Link } from '@react-email/components';
import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function SignupAttempt({ locale, appName, copy, loginUrl, resetUrl }: TemplateProps<'signup-attempt'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailButton href={loginUrl}>{copy.action}</MailButton>
      <MailText>
        {copy.forgot} <Link href={resetUrl}>{copy.resetAction}</Link>
      </MailText>
      <MailText muted>{copy.ignore}</MailText>
    </MailLayout>
  );
}

SignupAttempt.PreviewProps = previewProps('signup-attempt', {
  loginUrl: `${previewOrigin}/login`,
  resetUrl: `${previewOrigin}/forgot-password`,
});
