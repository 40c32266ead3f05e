import { Link } from '@react-email/components';
import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function RecoveryCodesGenerated({ locale, appName, copy, securityUrl, resetUrl }: TemplateProps<'recovery-codes-generated'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.warning}</MailText>
      <MailButton href={securityUrl}>{copy.action}</MailButton>
      <MailText>
        <Link href={resetUrl}>{copy.resetAction}</Link>
      </MailText>
    </MailLayout>
  );
}

RecoveryCodesGenerated.PreviewProps = previewProps('recovery-codes-generated', {
  name: 'Mina Park',
  changedAt: '2026-03-05T06:00:00.000Z',
  securityUrl: `${previewOrigin}/account/security`,
  resetUrl: `${previewOrigin}/forgot-password`,
});
