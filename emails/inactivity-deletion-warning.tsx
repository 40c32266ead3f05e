import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function InactivityDeletionWarning({ locale, appName, copy, loginUrl }: TemplateProps<'inactivity-deletion-warning'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.keep}</MailText>
      <MailButton href={loginUrl}>{copy.action}</MailButton>
    </MailLayout>
  );
}

InactivityDeletionWarning.PreviewProps = previewProps('inactivity-deletion-warning', {
  name: 'Mina Park',
  deletionDate: '2026-04-04T06:00:00.000Z',
  daysLeft: 30,
  loginUrl: `${previewOrigin}/login`,
});
