import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

// The two-year notice of 정보통신망법 시행령 제62조의3: no advertising here, only the consent and how to keep or stop it.
export default function ConsentReconfirm({ locale, appName, copy, keepUrl, stopUrl }: TemplateProps<'consent-reconfirm'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.keep}</MailText>
      <MailButton href={keepUrl}>{copy.keepAction}</MailButton>
      <MailText>{copy.stop}</MailText>
      <MailButton href={stopUrl}>{copy.stopAction}</MailButton>
      <MailText muted>{copy.validity}</MailText>
      <MailText>{copy.sender}</MailText>
    </MailLayout>
  );
}

ConsentReconfirm.PreviewProps = previewProps('consent-reconfirm', {
  name: 'Mina Park',
  operatorName: 'Lifecycle Inc.',
  channel: 'email',
  consentedAt: '2024-03-05T06:00:00.000Z',
  validUntil: '2028-03-05T06:00:00.000Z',
  keepUrl: `${previewOrigin}/consent?token=keep.preview`,
  stopUrl: `${previewOrigin}/consent?token=stop.preview`,
});
