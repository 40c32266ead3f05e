import 'server-only';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { startPendingTwoStep } from '@/lib/two-step/login-ticket';
import { needsSecondStep } from '@/lib/two-step/status';
import type { SignInMethod } from './sign-in-method';
import { openSession } from './open-session';

/**
 * Opens a session for a user whom lib/ has let in (after a password check, a reactivation code,
 * a restore, a password change) and redirects. Only for server actions: it throws Next's redirect.
 * An account with two-step on goes to /login/two-step first (not signed in yet), unless the way in
 * was a passkey, which is multi-factor in itself; the login log then gets its two_step_required row,
 * unless the caller's own attempt row already says so (`attemptLogged`: the login form, a restore).
 * `twoStepOn`: the caller read the account's two-step state in this request already (the login form).
 */
export async function completeSignIn(
  userId: string,
  redirectTo: string,
  method: SignInMethod,
  options: { attemptLogged?: boolean; twoStepOn?: boolean } = {},
): Promise<never> {
  const secondStep = options.twoStepOn === undefined ? await needsSecondStep(await getDb(), userId, method) : options.twoStepOn && method !== 'passkey';
  if (secondStep) {
    await startPendingTwoStep(userId, redirectTo, method, new Date(), { logHold: !options.attemptLogged });
    redirect('/login/two-step');
  }
  return openSession(userId, redirectTo, method);
}
