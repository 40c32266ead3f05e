import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function DormantNotice({ locale, appName, copy, loginUrl }: TemplateProps<'dormant-notice'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      {copy.consent ? <MailText>{copy.consent}</MailText> : null}
      <MailText>{copy.reactivate}</MailText>
      <MailButton href={loginUrl}>{copy.action}</MailButton>
      <MailText muted>{copy.purge}</MailText>
    </MailLayout>
  );
}

DormantNotice.PreviewProps = previewProps('dormant-notice', {
  name: 'Mina Park',
  dormantAt: '2026-04-04T06:00:00.000Z',
  purgeDate: '2026-06-03T06:00:00.000Z',
  loginUrl: `${previewOrigin}/login`,
});
