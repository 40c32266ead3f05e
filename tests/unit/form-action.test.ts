import { notFound, redirect } from 'next/navigation';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

// The audience checks are the product's own (lib/auth/session.ts); here they are stand-ins that
// answer the way those do: a user or admin, or Next's redirect()/notFound() thrown.
const caller = vi.hoisted(() => ({
  user: null as { id: string; role: string } | null,
  fresh: true,
  requireUserCalls: [] as unknown[][],
}));
vi.mock('@/lib/auth/session', () => ({
  requireUser: async (...args: unknown[]) => {
    caller.requireUserCalls.push(args);
    if (!caller.user) redirect(`/login?callbackUrl=${encodeURIComponent(String(args[0]))}`);
    return caller.user;
  },
  requireAdmin: async () => {
    if (caller.user?.role !== 'admin') notFound();
    return caller.user;
  },
}));
vi.mock('@/lib/auth/fresh-sign-in', () => ({
  hasFreshSignIn: async () => caller.fresh,
}));
vi.mock('next-intl/server', () => ({
  getTranslations: async () => (key: string) => `t:${key}`,
}));

const { formAction } = await import('@/lib/actions/form-action');

const schema = z.object({
  email: z.string().trim().min(1, 'validation.required'),
  password: z.string().min(8, 'validation.passwordTooShort'),
});
const input = (formData: FormData) => ({
  email: formData.get('email') ?? '',
  password: formData.get('password') ?? '',
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const idle = { status: 'idle' } as const;
const alice = { id: 'u1', role: 'user' };
const admin = { id: 'a1', role: 'admin' };

describe('formAction', () => {
  beforeEach(() => {
    caller.user = null;
    caller.fresh = true;
    caller.requireUserCalls = [];
  });

  it('hands a visitor action its typed, parsed input', async () => {
    const handler = vi.fn(async ({ input, user }: { input: { email: string }; user: null }) => ({
      status: 'success' as const,
      message: `${input.email} ${user}`,
    }));
    const action = formAction({ audience: 'visitor', schema, input, echo: ['email'] }, handler);
    expect(await action(idle, form({ email: '  a@example.com ', password: 'long enough' }))).toEqual({ status: 'success', message: 'a@example.com null' });
  });

  it('answers refused input with every field error and the echoed values, without the handler', async () => {
    const handler = vi.fn();
    const action = formAction({ audience: 'visitor', schema, input, echo: ['email', 'password'] }, handler);
    expect(await action(idle, form({ email: ' ', password: 'short' }))).toEqual({
      status: 'error',
      fieldErrors: {
        email: ['t:validation.required'],
        password: ['t:validation.passwordTooShort'],
      },
      formError: undefined,
      values: { email: ' ' },
      code: undefined,
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('lets an action answer refused input its own way', async () => {
    const action = formAction(
      {
        audience: 'visitor',
        schema,
        input,
        invalid: ({ fieldErrors, t }) => ({
          status: 'error',
          fieldErrors,
          formError: t('form.invalid'),
        }),
      },
      vi.fn(),
    );
    expect(await action(idle, form({ email: 'a@example.com' }))).toEqual({
      status: 'error',
      fieldErrors: { password: ['t:validation.passwordTooShort'] },
      formError: 't:form.invalid',
    });
  });

  it('sends a signed-out caller of a user action to log in, before reading the form', async () => {
    const handler = vi.fn();
    const read = vi.fn(input);
    const action = formAction({ audience: 'user', returnTo: '/account', schema, input: read }, handler);
    await expect(action(idle, form({}))).rejects.toMatchObject({
      digest: expect.stringContaining(';/login?callbackUrl=%2Faccount;'),
    });
    expect(read).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
  });

  it('gives a user action the signed-in user and passes allowExpiredPassword on', async () => {
    caller.user = alice;
    const action = formAction(
      {
        audience: 'user',
        returnTo: '/account/password',
        allowExpiredPassword: true,
      },
      async ({ user }) => ({ status: 'success' as const, message: user.id }),
    );
    expect(await action(idle, form({}))).toEqual({
      status: 'success',
      message: 'u1',
    });
    expect(caller.requireUserCalls).toEqual([['/account/password', { allowExpiredPassword: true }]]);
  });

  it('refuses a stale sign-in for a fresh-user action with its message and code, after the input parsed', async () => {
    caller.user = alice;
    caller.fresh = false;
    const handler = vi.fn();
    const action = formAction(
      {
        audience: 'fresh-user',
        returnTo: '/account/security',
        stale: (t) => t('passkeys.freshRequired'),
        schema,
        input,
        echo: ['email'],
      },
      handler,
    );
    expect(await action(idle, form({ email: 'a@example.com', password: 'long enough' }))).toEqual({
      status: 'error',
      fieldErrors: {},
      formError: 't:passkeys.freshRequired',
      values: { email: 'a@example.com' },
      code: 'stale-sign-in',
    });
    expect((await action(idle, form({ email: 'a@example.com' }))).status).toBe('error');
    expect(handler).not.toHaveBeenCalled();
    caller.fresh = true;
    handler.mockResolvedValue({ status: 'success' });
    expect(await action(idle, form({ email: 'a@example.com', password: 'long enough' }))).toEqual({ status: 'success' });
  });

  it('answers 404 to anyone but an admin, and runs a schema-less admin action for an admin', async () => {
    const action = formAction({ audience: 'admin' }, async ({ user, input }) => ({
      status: 'success' as const,
      message: `${user.id} ${input}`,
    }));
    await expect(action(idle, form({}))).rejects.toMatchObject({
      digest: expect.stringContaining('404'),
    });
    caller.user = alice;
    await expect(action(idle, form({}))).rejects.toMatchObject({
      digest: expect.stringContaining('404'),
    });
    caller.user = admin;
    expect(await action(idle, form({ anything: 'x' }))).toEqual({
      status: 'success',
      message: 'a1 undefined',
    });
  });

  it("lets the handler's own redirect and unexpected errors through", async () => {
    caller.user = alice;
    const redirecting = formAction({ audience: 'user', returnTo: '/account' }, async () => redirect('/account?done=1'));
    await expect(redirecting(idle, form({}))).rejects.toMatchObject({
      digest: expect.stringContaining('/account?done=1'),
    });
    const failing = formAction({ audience: 'user', returnTo: '/account' }, async () => {
      throw new Error('database down');
    });
    await expect(failing(idle, form({}))).rejects.toThrow('database down');
  });
});
