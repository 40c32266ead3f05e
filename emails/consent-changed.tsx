import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

// The result notice of 정보통신망법 시행령 제62조의2: sender, what changed per channel, when, and the result.
export default function ConsentChanged({ locale, appName, copy, accountUrl }: TemplateProps<'consent-changed'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      {copy.emailLine ? <MailText>{copy.emailLine}</MailText> : null}
      {copy.smsLine ? <MailText>{copy.smsLine}</MailText> : null}
      <MailText>{copy.sender}</MailText>
      <MailText>{copy.manage}</MailText>
      {accountUrl ? <MailButton href={accountUrl}>{copy.action}</MailButton> : null}
    </MailLayout>
  );
}

ConsentChanged.PreviewProps = previewProps('consent-changed', {
  name: 'Mina Park',
  operatorName: 'Lifecycle Inc.',
  changedAt: '2026-03-05T06:00:00.000Z',
  marketingEmail: 'granted',
  marketingSms: 'withdrawn',
  accountUrl: `${previewOrigin}/account`,
});
