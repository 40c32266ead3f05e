import { Link } from '@react-email/components';
import type { ComponentProps } from 'react';
import { MailButton, MailLayout, MailText } from './mail-layout';

type SecurityChangeCopy = ComponentProps<typeof MailLayout>['copy'] & { body: string; warning: string; action: string; resetAction: string };

/**
 * The body the two-step mails share (turned on, turned off, recovery codes generated, a recovery
 * code used): what happened, what to do if it was not you, a button to the security page and a
 * link to reset the password.
 */
export function SecurityChangeMail({ locale, appName, copy, securityUrl, resetUrl }: { locale: string; appName: string; copy: SecurityChangeCopy; securityUrl: string; resetUrl: string }) {
  return (
    <MailLayout locale={locale} appName={appName} copy={copy}>
      <MailText>{copy.body}</MailText>
      <MailText>{copy.warning}</MailText>
      <MailButton href={securityUrl}>{copy.action}</MailButton>
      <MailText>
        <Link href={resetUrl}>{copy.resetAction}</Link>
      </MailText>
    </MailLayout>
  );
}
