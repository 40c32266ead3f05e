import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function PasswordExpired({ locale, appName, copy, changeUrl }: TemplateProps<'password-expired'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailButton href={changeUrl}>{copy.action}</MailButton>
    </MailLayout>
  );
}

PasswordExpired.PreviewProps = previewProps('password-expired', {
  name: 'Mina Park',
  maxAgeDays: 60,
  changeUrl: `${previewOrigin}/account/password`,
});
