import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { z } from 'zod';
import type { User } from '@/db/schema';
import { hasFreshSignIn } from '@/lib/auth/fresh-sign-in';
import { requireAdmin, requireUser } from '@/lib/auth/session';
import { type ActionState, echoValues, errorState, fieldErrorsOf } from '@/lib/forms/action-state';

/** The app's translator (root namespace): catalogue keys are written in full, `t('phone.codeSent')`. */
export type Translate = Awaited<ReturnType<typeof getTranslations>>;

/**
 * Who may call an action:
 * - `visitor`: anyone, signed in or not (the action's own token or ticket is the authority);
 * - `user`: requireUser(returnTo), which redirects to /login, or to /account/password while the
 *   password has expired unless `allowExpiredPassword`; `returnTo` may be read from the form;
 * - `fresh-user`: a user who also signed in or stepped up within FRESH_SIGN_IN_MINUTES, checked after
 *   the input parsed; otherwise the form shows `stale(t)` with code 'stale-sign-in';
 * - `admin`: requireAdmin(), a 404 for anyone else and the Security page for an admin without two-step.
 */
export type Audience =
  | { audience: 'visitor' }
  | { audience: 'user'; returnTo: string | ((formData: FormData) => string); allowExpiredPassword?: boolean }
  | { audience: 'fresh-user'; returnTo: string; stale: (t: Translate) => string }
  | { audience: 'admin' };

type AudienceName = Audience['audience'];

/** The options of audience `K` (its `returnTo`, `stale`, …). */
type AudienceOf<K extends AudienceName> = Extract<Audience, { audience: K }>;

type Caller<K extends AudienceName> = K extends 'visitor' ? null : User;

type Answer<State> = State | ActionState;

type Checks<K extends AudienceName> = {
  /**
   * An answer given before the form is read (after the audience admitted the caller): the refusal,
   * or null to go on. For a rule that comes before the input's, such as "a password is set already".
   */
  refuse?: (context: { user: Caller<K>; t: Translate; values?: Record<string, string> }) => Promise<ActionState | null> | ActionState | null;
};

type Parse<K extends AudienceName, Input> = {
  /** The zod schema the input must pass, or the caller's schema (a step-up on this session replaces the current password). */
  schema: z.ZodType<Input> | ((user: Caller<K>) => Promise<z.ZodType<Input>> | z.ZodType<Input>);
  /** The object handed to the schema, read from the form (missing fields as the schema expects them). */
  input: (formData: FormData) => unknown;
  /**
   * What an error answer echoes back to the form: these fields (never a password, see echoValues),
   * or the values as a function computes them.
   */
  echo?: string[] | ((formData: FormData) => Record<string, string>);
  /** The answer to input the schema refused; by default every field error, translated, and the echoed values. */
  invalid?: (refusal: Refusal) => ActionState | Promise<ActionState>;
};

export type Refusal = { error: z.ZodError; fieldErrors: Record<string, string[]>; values?: Record<string, string>; t: Translate; formData: FormData };

type Context<K extends AudienceName, Input> = {
  input: Input;
  user: Caller<K>;
  t: Translate;
  formData: FormData;
  /** The echoed values (see `echo`), for the handler's own error answers; undefined without `echo`. */
  values?: Record<string, string>;
};

/**
 * A form action: the signature useActionState and useFormAction call. `State` is ActionState, or a
 * union with it for a form that also answers in its own shape (new recovery codes, a new passkey).
 */
export type FormAction<State = ActionState> = (previous: Answer<State>, formData: FormData) => Promise<Answer<State>>;

type Handler<K extends AudienceName, Input, State> = (context: Context<K, Input>) => Promise<Answer<State>>;

// The audience's name is its own type parameter, inferred from the `audience` field alone: the
// caller's type then holds when `refuse` or `schema` is given a function of the caller.
type Options<K extends AudienceName> = { audience: K } & AudienceOf<K> & Checks<K>;

/**
 * One way to open a server action, as dub's `safe-action.ts` and Better Auth's `createAuthEndpoint`:
 * the audience is checked first, then `refuse`, then the form is parsed by the schema, and the
 * handler receives the typed input with the caller and the translator. Input that fails the schema
 * answers with every field error (ActionState) without reaching the handler.
 *
 * Nothing is caught: the redirect()/notFound() of requireUser and requireAdmin, and the handler's
 * own, reach Next as thrown; an unexpected error reaches the form's useFormAction, which shows the
 * failure with what was typed.
 */
export function formAction<K extends AudienceName, Input, State = ActionState>(options: Options<K> & Parse<K, Input>, handler: Handler<K, Input, State>): FormAction<State>;
/** The schema-less form, for actions whose form carries no input (Run sweep now, Retry all). */
export function formAction<K extends AudienceName, State = ActionState>(options: Options<K>, handler: Handler<K, undefined, State>): FormAction<State>;
export function formAction<Input>(
  options: Audience & Checks<AudienceName> & Partial<Parse<AudienceName, Input>>,
  handler: Handler<AudienceName, Input | undefined, unknown>,
): FormAction<unknown> {
  return async (_previous, formData) => {
    const user = await admit(options, formData);
    const t = await getTranslations();
    const values = !options.echo ? undefined : Array.isArray(options.echo) ? echoValues(formData, options.echo) : options.echo(formData);
    const refused = options.refuse ? await options.refuse({ user, t, values }) : null;
    if (refused) return refused;
    let input: Input | undefined;
    if (options.schema && options.input) {
      const schema = typeof options.schema === 'function' ? await options.schema(user) : options.schema;
      const parsed = schema.safeParse(options.input(formData));
      if (!parsed.success) {
        const fieldErrors = fieldErrorsOf(parsed.error, t);
        return options.invalid ? options.invalid({ error: parsed.error, fieldErrors, values, t, formData }) : errorState({ fieldErrors, values });
      }
      input = parsed.data;
    }
    if (options.audience === 'fresh-user' && !(await hasFreshSignIn())) {
      return errorState({ formError: options.stale(t), values, code: 'stale-sign-in' });
    }
    return handler({ input, user, t, formData, values });
  };
}

/** The caller, once the audience admits them; requireUser and requireAdmin throw Next's redirect/notFound otherwise. */
async function admit(audience: Audience, formData: FormData): Promise<User | null> {
  switch (audience.audience) {
    case 'visitor':
      return null;
    case 'user':
      return requireUser(typeof audience.returnTo === 'function' ? audience.returnTo(formData) : audience.returnTo, {
        allowExpiredPassword: audience.allowExpiredPassword,
      });
    case 'fresh-user':
      return requireUser(audience.returnTo);
    case 'admin':
      return requireAdmin();
  }
}
