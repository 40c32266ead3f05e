import { previewOrigin, previewProps } from './components/preview-props';
import { SecurityChangeMail } from './components/security-change-mail';
import type { TemplateProps } from '../lib/mail/copy';

export default function RecoveryCodesGenerated(props: TemplateProps<'recovery-codes-generated'>) {
  return <SecurityChangeMail {...props} />;
}

RecoveryCodesGenerated.PreviewProps = previewProps('recovery-codes-generated', {
  name: 'Mina Park',
  changedAt: '2026-03-05T06:00:00.000Z',
  securityUrl: `${previewOrigin}/account/security`,
  resetUrl: `${previewOrigin}/forgot-password`,
});
