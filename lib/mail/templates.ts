// The mail the product sends: one template name per file in emails/, with the props each needs.
// Dates travel as ISO strings (the outbox stores props as JSON); templates format them per locale.

// Mail to an address not yet proven to be the account's (verify-email, signup-attempt,
// change-email-confirm) carries no text the person chose, such as the name: it could be made into spam.
import type { ProcessingSettings } from '../privacy/processing';

/** What happened to one channel's marketing consent, for the mails that tell it. */
export type ConsentChangeKind = 'granted' | 'withdrawn' | 'kept' | 'unchanged';
/** Marketing consent that ended with the event a mail tells of (withdrawal, dormancy). */
type ConsentEnded = { operatorName?: string; marketingEmail?: ConsentChangeKind; marketingSms?: ConsentChangeKind };

export type MailProps = {
  'verify-email': { verifyUrl: string; expiresAt: string };
  'signup-attempt': { loginUrl: string; resetUrl: string };
  'reset-password': { name: string | null; resetUrl: string; expiresAt: string };
  'password-changed': { name: string | null; changedAt: string; resetUrl: string };
  'change-email-confirm': { confirmUrl: string; newEmail: string; expiresAt: string };
  'email-changed': { name: string | null; oldEmail: string; newEmail: string; changedAt: string };
  'withdrawal-confirmed': { name: string | null; withdrawnAt: string; deletionDate: string; loginUrl: string } & ConsentEnded;
  'account-deleted': { name: string | null; deletedAt: string };
  /** daysLeft: how many days before dormancy the warning goes out (DORMANCY_NOTICE_DAYS), shown when given. */
  'dormancy-warning': { name: string | null; dormancyDate: string; loginUrl: string; daysLeft?: number };
  'dormant-notice': { name: string | null; dormantAt: string; purgeDate: string; loginUrl: string } & ConsentEnded;
  'reactivation-code': { name: string | null; code: string; expiresAt: string };
  'sign-in-blocked': { name: string | null; lockedUntil: string; resetUrl: string };
  'password-expired': { name: string | null; maxAgeDays: number; changeUrl: string };
  'new-sign-in': { name: string | null; signedInAt: string; browser: string; os: string; ip: string; sessionsUrl: string; resetUrl: string };
  'data-exported': { name: string | null; downloadedAt: string; browser: string; os: string; ip: string; sessionsUrl: string; resetUrl: string };
  'consent-changed': {
    name: string | null;
    operatorName: string;
    changedAt: string;
    marketingEmail: ConsentChangeKind;
    marketingSms: ConsentChangeKind;
    accountUrl?: string;
  };
  /** validUntil: when the links stop working (the next reconfirmation is due then). */
  'consent-reconfirm': {
    name: string | null;
    operatorName: string;
    channel: 'email' | 'sms';
    consentedAt: string;
    validUntil: string;
    keepUrl: string;
    stopUrl: string;
  };
  'privacy-usage-notice': { name: string | null; operatorName: string; pageUrl: string; settings: ProcessingSettings };
  'inactivity-deletion-warning': { name: string | null; deletionDate: string; loginUrl: string; daysLeft?: number };
  'two-step-on': { name: string | null; changedAt: string; securityUrl: string; resetUrl: string };
  /** by: who turned it off — the person ('you'), an admin's reset ('admin'). */
  'two-step-off': { name: string | null; changedAt: string; by: 'you' | 'admin'; securityUrl: string; resetUrl: string };
  'recovery-codes-generated': { name: string | null; changedAt: string; securityUrl: string; resetUrl: string };
  'recovery-code-used': { name: string | null; usedAt: string; codesLeft: number; securityUrl: string; resetUrl: string };
  'passkey-added': {
    name: string | null;
    passkeyName: string;
    addedAt: string;
    browser: string;
    os: string;
    ip: string;
    securityUrl: string;
    sessionsUrl: string;
    resetUrl: string;
  };
};

export type MailTemplate = keyof MailProps;

export const mailTemplates = [
  'verify-email',
  'signup-attempt',
  'reset-password',
  'password-changed',
  'change-email-confirm',
  'email-changed',
  'withdrawal-confirmed',
  'account-deleted',
  'dormancy-warning',
  'dormant-notice',
  'reactivation-code',
  'sign-in-blocked',
  'password-expired',
  'new-sign-in',
  'data-exported',
  'consent-changed',
  'consent-reconfirm',
  'privacy-usage-notice',
  'inactivity-deletion-warning',
  'two-step-on',
  'two-step-off',
  'recovery-codes-generated',
  'recovery-code-used',
  'passkey-added',
] as const satisfies readonly MailTemplate[];
