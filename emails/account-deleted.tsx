import { MailLayout, MailText } from './components/mail-layout';
import { previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function AccountDeleted({ locale, appName, copy }: TemplateProps<'account-deleted'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.retained}</MailText>
      <MailText>{copy.farewell}</MailText>
    </MailLayout>
  );
}

AccountDeleted.PreviewProps = previewProps('account-deleted', {
  name: 'Mina Park',
  deletedAt: '2026-05-04T06:00:00.000Z',
});
