import { MailLayout, MailText } from './components/mail-layout';
import { previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

/** Goes to the old address, so a hijacked account does not change hands silently. */
export default function EmailChanged({ locale, appName, copy }: TemplateProps<'email-changed'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.warning}</MailText>
    </MailLayout>
  );
}

EmailChanged.PreviewProps = previewProps('email-changed', {
  name: 'Mina Park',
  oldEmail: 'mina@example.com',
  newEmail: 'mina.new@example.com',
  changedAt: '2026-03-05T06:00:00.000Z',
});
