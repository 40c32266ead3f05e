import { MailButton, MailLayout, MailText } from './components/mail-layout';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function DormancyWarning({ locale, appName, copy, loginUrl }: TemplateProps<'dormancy-warning'>) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.keep}</MailText>
      <MailButton href={loginUrl}>{copy.action}</MailButton>
    </MailLayout>
  );
}

DormancyWarning.PreviewProps = previewProps('dormancy-warning', {
  name: 'Mina Park',
  dormancyDate: '2026-04-04T06:00:00.000Z',
  daysLeft: 30,
  loginUrl: `${previewOrigin}/login`,
});
