import { previewOrigin, previewProps } from './components/preview-props';
import { SecurityChangeMail } from './components/security-change-mail';
import type { TemplateProps } from '../lib/mail/copy';

export default function TwoStepOff(props: TemplateProps<'two-step-off'>) {
  return <SecurityChangeMail {...props} />;
}

TwoStepOff.PreviewProps = previewProps('two-step-off', {
  name: 'Mina Park',
  changedAt: '2026-03-05T06:00:00.000Z',
  by: 'you',
  securityUrl: `${previewOrigin}/account/security`,
  resetUrl: `${previewOrigin}/forgot-password`,
});
