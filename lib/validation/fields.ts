import { z } from 'zod';
import { isCommonPassword } from '@/lib/auth/common-passwords';
import { safeReturnPath } from '@/lib/http/return-path';
import { isTimeZone } from '@/lib/i18n/time-zone';

// Shared pieces of every form schema. Messages are catalogue keys (see messages/*.json "validation").

export const emailSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .toLowerCase()
  .min(1, 'validation.required')
  .max(254, 'validation.emailInvalid')
  .pipe(z.email('validation.emailInvalid'));

/** A password as typed at login: no policy, just bounds (the policy applies when one is chosen). */
export const loginPasswordSchema = z.string({ error: 'validation.required' }).min(1, 'validation.required').max(1024, 'validation.tooLong');

/** A same-origin path for redirects after login (see safeReturnPath); anything else becomes undefined. */
export const callbackPathSchema = z.unknown().transform(safeReturnPath);

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** A newly chosen password: 8 to 128 characters and not on the list of common passwords. */
export const passwordSchema = z
  .string({ error: 'validation.required' })
  .min(1, 'validation.required')
  .min(PASSWORD_MIN_LENGTH, 'validation.passwordTooShort')
  .max(PASSWORD_MAX_LENGTH, 'validation.passwordTooLong')
  .refine((password) => password.length < PASSWORD_MIN_LENGTH || !isCommonPassword(password), 'validation.passwordCommon');

/** The cross-field rule every form that sets a password shares: the password is not the email itself. */
export function passwordIsNotEmail(password: string, email: string | null | undefined): boolean {
  return !email || password.trim().toLowerCase() !== email.trim().toLowerCase();
}

// PostgreSQL text cannot hold NUL, and no name needs control characters: refuse them with a message
// instead of letting the database refuse them with a 500.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const CONTROL_CHARACTERS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A person's name: trimmed, 1–100 characters, no control characters. */
export const personNameSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(100, 'validation.tooLong')
  .refine((value) => !CONTROL_CHARACTERS.test(value), 'validation.invalid');

/** Free text such as a withdrawal reason: trimmed, bounded, line breaks allowed, other control characters not. */
export function freeTextSchema(max: number) {
  return z
    .string()
    .trim()
    .max(max, 'validation.tooLong')
    .refine((value) => !CONTROL_CHARACTERS_BUT_LINE_BREAKS.test(value), 'validation.invalid');
}

/** A time zone picked from the list: its canonical IANA name, or null for "same as the service" (empty). */
export const timeZoneSchema = z
  .string()
  .trim()
  .max(64, 'validation.timeZoneInvalid')
  .refine((value) => value === '' || (!CONTROL_CHARACTERS.test(value) && isTimeZone(value)), 'validation.timeZoneInvalid')
  .transform((value) => (value === '' ? null : new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone));
