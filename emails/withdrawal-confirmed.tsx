import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function WithdrawalConfirmed({ locale, appName, copy, loginUrl }: TemplateProps<'withdrawal-confirmed'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      {copy.consent ? <MailText>{copy.consent}</MailText> : null}
      <MailText>{copy.restore}</MailText>
      <MailButton href={loginUrl}>{copy.action}</MailButton>
    </MailLayout>
  );
}

WithdrawalConfirmed.PreviewProps = previewProps('withdrawal-confirmed', {
  name: 'Mina Park',
  withdrawnAt: '2026-03-05T06:00:00.000Z',
  deletionDate: '2026-05-04T06:00:00.000Z',
  loginUrl: `${previewOrigin}/login`,
});
