import type { z } from 'zod';

/**
 * The one result shape of every form action. Messages are already translated; `values` echoes
 * what the person typed (never a password) so the form can show it again after an error.
 */
export type ActionState =
  | { status: 'idle' }
  | { status: 'success'; message?: string }
  | { status: 'error'; fieldErrors: Record<string, string[]>; formError?: string; values?: Record<string, string>; code?: string };

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

export function errorState(
  input: { fieldErrors?: Record<string, string[]>; formError?: string; values?: Record<string, string>; code?: string },
): ActionState {
  return { status: 'error', fieldErrors: input.fieldErrors ?? {}, formError: input.formError, values: input.values, code: input.code };
}
