import { InactivityWarningMail } from './components/inactivity-warning-mail';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function DormancyWarning(props: TemplateProps<'dormancy-warning'>) {
  return <InactivityWarningMail {...props} />;
}

DormancyWarning.PreviewProps = previewProps('dormancy-warning', {
  name: 'Mina Park',
  dormancyDate: '2026-04-04T06:00:00.000Z',
  daysLeft: 30,
  loginUrl: `${previewOrigin}/login`,
});
