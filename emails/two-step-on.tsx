import { previewOrigin, previewProps } from './components/preview-props';
import { SecurityChangeMail } from './components/security-change-mail';
import type { TemplateProps } from '../lib/mail/copy';

export default function TwoStepOn(props: TemplateProps<'two-step-on'>) {
  return <SecurityChangeMail {...props} />;
}

TwoStepOn.PreviewProps = previewProps('two-step-on', {
  name: 'Mina Park',
  changedAt: '2026-03-05T06:00:00.000Z',
  securityUrl: `${previewOrigin}/account/security`,
  resetUrl: `${previewOrigin}/forgot-password`,
});
