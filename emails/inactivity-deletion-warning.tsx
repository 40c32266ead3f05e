import { InactivityWarningMail } from './components/inactivity-warning-mail';
import { previewOrigin, previewProps } from './components/preview-props';
import type { TemplateProps } from '../lib/mail/copy';

export default function InactivityDeletionWarning(props: TemplateProps<'inactivity-deletion-warning'>) {
  return <InactivityWarningMail {...props} />;
}

InactivityDeletionWarning.PreviewProps = previewProps('inactivity-deletion-warning', {
  name: 'Mina Park',
  deletionDate: '2026-04-04T06:00:00.000Z',
  daysLeft: 30,
  loginUrl: `${previewOrigin}/login`,
});
