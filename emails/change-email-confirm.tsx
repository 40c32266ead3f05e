import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

/** Goes to the new address: only its owner can finish the change. */
export default function ChangeEmailConfirm({ locale, appName, copy, confirmUrl }: TemplateProps<'change-email-confirm'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailButton href={confirmUrl}>{copy.action}</MailButton>
      <MailText muted>{copy.expiry}</MailText>
      <MailText muted>{copy.ignore}</MailText>
    </MailLayout>
  );
}

ChangeEmailConfirm.PreviewProps = previewProps('change-email-confirm', {
  confirmUrl: `${previewOrigin}/confirm-email?token=preview-token`,
  newEmail: 'mina.new@example.com',
  expiresAt: '2026-03-05T07:00:00.000Z',
});
