import { MailCode, MailLayout, MailText } from './components/mail-layout';
import { previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function ReactivationCode({ locale, appName, copy, code }: TemplateProps<'reactivation-code'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailCode>{code}</MailCode>
      <MailText muted>{copy.expiry}</MailText>
      <MailText muted>{copy.ignore}</MailText>
    </MailLayout>
  );
}

ReactivationCode.PreviewProps = previewProps('reactivation-code', {
  name: 'Mina Park',
  code: '482913',
  expiresAt: '2026-04-05T06:10:00.000Z',
});
