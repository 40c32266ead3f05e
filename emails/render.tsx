// Renders a template to HTML and plain text. Each (template, locale, shape of props) is rendered
// once with slot markers in place of its strings; every later mail of that shape fills the slots,
// escaped as React would. Rendering is ~5 ms a mail and would otherwise cap delivery far below
// Resend's batch rate; tests/unit/mail-templates.test.ts checks the result equals a direct render.
import { render } from '@react-email/render';
import type { ComponentType } from 'react';
import type { TemplateProps } from '../lib/mail/copy';
import type { MailTemplate } from '../lib/mail/templates';
import AccountDeleted from './account-deleted';
import DataExported from './data-exported';
import ChangeEmailConfirm from './change-email-confirm';
import ConsentChanged from './consent-changed';
import ConsentReconfirm from './consent-reconfirm';
import DormancyWarning from './dormancy-warning';
import DormantNotice from './dormant-notice';
import EmailChanged from './email-changed';
import NewSignIn from './new-sign-in';
import InactivityDeletionWarning from './inactivity-deletion-warning';
import PasskeyAdded from './passkey-added';
import PasswordChanged from './password-changed';
import PasswordExpired from './password-expired';
import PrivacyUsageNotice from './privacy-usage-notice';
import ReactivationCode from './reactivation-code';
import ResetPassword from './reset-password';
import SignInBlocked from './sign-in-blocked';
import SignupAttempt from './signup-attempt';
import VerifyEmail from './verify-email';
import WithdrawalConfirmed from './withdrawal-confirmed';
import RecoveryCodeUsed from './recovery-code-used';
import RecoveryCodesGenerated from './recovery-codes-generated';
import TwoStepOff from './two-step-off';
import TwoStepOn from './two-step-on';

export const templateComponents: { [T in MailTemplate]: ComponentType<TemplateProps<T>> } = {
  'verify-email': VerifyEmail,
  'signup-attempt': SignupAttempt,
  'reset-password': ResetPassword,
  'password-changed': PasswordChanged,
  'change-email-confirm': ChangeEmailConfirm,
  'email-changed': EmailChanged,
  'withdrawal-confirmed': WithdrawalConfirmed,
  'account-deleted': AccountDeleted,
  'dormancy-warning': DormancyWarning,
  'dormant-notice': DormantNotice,
  'reactivation-code': ReactivationCode,
  'sign-in-blocked': SignInBlocked,
  'password-expired': PasswordExpired,
  'new-sign-in': NewSignIn,
  'data-exported': DataExported,
  'consent-changed': ConsentChanged,
  'consent-reconfirm': ConsentReconfirm,
  'privacy-usage-notice': PrivacyUsageNotice,
  'inactivity-deletion-warning': InactivityDeletionWarning,
  'two-step-on': TwoStepOn,
  'two-step-off': TwoStepOff,
  'recovery-codes-generated': RecoveryCodesGenerated,
  'recovery-code-used': RecoveryCodeUsed,
  'passkey-added': PasskeyAdded,
};

export type RenderedMail = { html: string; text: string };

// Headings keep their case in the text part (html-to-text shouts them by default).
const plainTextOptions = { selectors: ['h1', 'h2', 'h3'].map((selector) => ({ selector, options: { uppercase: false } })) };

/** Renders a template straight through react-email: the reference the skeletons must match. */
export async function renderTemplateDirect<T extends MailTemplate>(template: T, props: TemplateProps<T>): Promise<RenderedMail> {
  const Component = templateComponents[template] as unknown as ComponentType<Record<string, unknown>>;
  const element = <Component {...(props as Record<string, unknown>)} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true, htmlToTextOptions: plainTextOptions })]);
  return { html, text };
}

const SLOT = /\uE000(\d+)\uE001/g;
const slot = (index: number) => `\uE000${index}\uE001`;
const MAX_SKELETONS = 256;
const skeletons = new Map<string, Promise<RenderedMail>>();

/** Renders a template, from a cached skeleton when one of the same shape exists. */
export async function renderTemplate<T extends MailTemplate>(template: T, props: TemplateProps<T>): Promise<RenderedMail> {
  const values: string[] = [];
  const shape: unknown[] = [template];
  const slotted = slotStrings(props as Record<string, unknown>, values, shape) as unknown as TemplateProps<T>;
  slotted.copy = slotStrings(props.copy, values, shape) as TemplateProps<T>['copy'];
  const key = JSON.stringify(shape);
  let skeleton = skeletons.get(key);
  if (!skeleton) {
    if (skeletons.size >= MAX_SKELETONS) skeletons.clear();
    skeleton = renderTemplateDirect(template, slotted);
    skeletons.set(key, skeleton);
    skeleton.catch(() => skeletons.delete(key));
  }
  const { html, text } = await skeleton;
  return {
    html: html.replace(SLOT, (_, index: string) => escapeHtml(values[Number(index)])),
    text: text.replace(SLOT, (_, index: string) => values[Number(index)]),
  };
}

// Strings become slots (empty ones stay: templates may leave out what is empty); the rest, and
// which strings were empty, go into the shape that keys the cache.
function slotStrings(object: Record<string, unknown>, values: string[], shape: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (typeof value === 'string' && value !== '') {
      out[key] = slot(values.push(value) - 1);
      shape.push(key);
    } else {
      out[key] = value;
      if (key !== 'copy') shape.push([key, value]);
    }
  }
  return out;
}

// The escaping React applies to text and attribute values.
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[char]!);
}
