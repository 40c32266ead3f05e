import { previewOrigin, previewProps } from './components/preview-props';
import { SecurityChangeMail } from './components/security-change-mail';
import type { TemplateProps } from '../lib/mail/copy';

export default function RecoveryCodeUsed(props: TemplateProps<'recovery-code-used'>) {
  return <SecurityChangeMail {...props} />;
}

RecoveryCodeUsed.PreviewProps = previewProps('recovery-code-used', {
  name: 'Mina Park',
  usedAt: '2026-03-05T06:00:00.000Z',
  codesLeft: 9,
  securityUrl: `${previewOrigin}/account/security`,
  resetUrl: `${previewOrigin}/forgot-password`,
});
