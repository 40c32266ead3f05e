// Preview props for the react-email preview server (`npm run email`): English copy built by the
// same code as real mail, from sample props.
import { composeMail, type TemplateProps } from '../../lib/mail/copy';
import type { MailProps, MailTemplate } from '../../lib/mail/templates';

export const previewOrigin = 'http://localhost:3000';

export function previewProps<T extends MailTemplate>(template: T, props: MailProps[T]): TemplateProps<T> {
  return composeMail(template, props, 'en', { appName: 'Lifecycle', timeZone: 'Asia/Seoul' }).element;
}
