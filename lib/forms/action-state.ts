import type { z } from 'zod';

/**
 * Why an action failed, for a form that does more than show the message (offers a resend link, a
 * re-authentication, a passkey prompt). One list, kebab-case, so a misspelt comparison does not compile.
 */
export const actionErrorCodes = [
  'already-registered',
  'invalid-response',
  'invalid-token',
  'not-found',
  'passkey-invalid',
  'passkey-required',
  'stale-sign-in',
  'unexpected',
  'unverified',
] as const;
export type ActionErrorCode = (typeof actionErrorCodes)[number];

/**
 * The one result shape of every form action. Messages are already translated; `values` echoes
 * what the person typed (never a password) so the form can show it again after an error.
 */
export type ActionState =
  | { status: 'idle' }
  | { status: 'success'; message?: string }
  | { status: 'error'; fieldErrors: Record<string, string[]>; formError?: string; values?: Record<string, string>; code?: ActionErrorCode };

export const idleState: ActionState = { status: 'idle' };

type Translate = (key: string) => string;

/** Every field error of a failed parse (not just the first), with catalogue keys translated. */
export function fieldErrorsOf(error: z.ZodError, t: Translate): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_form');
    const message = translateIssue(issue.message, t);
    const list = (errors[field] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return errors;
}

function translateIssue(message: string, t: Translate): string {
  // Our schemas carry catalogue keys ("validation.emailInvalid"); zod's own messages fall back to a generic one.
  return /^[a-z]+\.[A-Za-z.]+$/.test(message) ? t(message) : t('validation.invalid');
}

/** Text fields of a form, for echoing back; fields whose name mentions "password" are left out. */
export function echoValues(formData: FormData, fields: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    if (/password/i.test(field)) continue;
    const value = formData.get(field);
    if (typeof value === 'string') values[field] = value.slice(0, 1_000);
  }
  return values;
}

/**
 * What a form shows when its action failed unexpectedly (it threw: the database is down, the
 * server did not answer): everything the person typed but passwords and the framework's own
 * `$ACTION_*` fields, and the message. `reference` is the server's error digest, which a person
 * can quote and an operator finds in the log.
 */
export function unexpectedFailureState(formData: FormData, message: string): ActionState {
  const fields = [...new Set([...formData.keys()])].filter((name) => !name.startsWith('$ACTION'));
  return errorState({ formError: message, values: echoValues(formData, fields), code: 'unexpected' });
}

/** The digest Next attaches to a server error (the same one it logs), when there is one. */
export function errorReference(error: unknown): string | undefined {
  const digest = typeof error === 'object' && error !== null ? (error as { digest?: unknown }).digest : undefined;
  return typeof digest === 'string' && digest ? digest : undefined;
}

export function errorState(
  input: { fieldErrors?: Record<string, string[]>; formError?: string; values?: Record<string, string>; code?: ActionErrorCode },
): ActionState {
  return { status: 'error', fieldErrors: input.fieldErrors ?? {}, formError: input.formError, values: input.values, code: input.code };
}
