import type { ComponentProps } from 'react';
import { MailButton, MailLayout, MailText } from './mail-layout';

type InactivityWarningCopy = ComponentProps<typeof MailLayout>['copy'] & { body: string; keep: string; action: string };

/** The body both warnings of a long absence share (dormancy ahead, deletion ahead): what happens when, and a way to log in. */
export function InactivityWarningMail({ locale, appName, copy, loginUrl }: { locale: string; appName: string; copy: InactivityWarningCopy; loginUrl: string }) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.keep}</MailText>
      <MailButton href={loginUrl}>{copy.action}</MailButton>
    </MailLayout>
  );
}
