import 'server-only';
import { redirect } from 'next/navigation';
import { safeReturnPath } from '@/lib/http/return-path';
import { startSession } from '@/lib/sessions/start-session';
import { writeSessionCookie } from './session-token';
import type { SignInMethod } from './sign-in-method';

/**
 * Signs in and redirects, once every factor the account needs was given: only completeSignIn and
 * the two-step page call it. The session's record first (startSession, which opens it only for an
 * account that is active at that moment: one withdrawn or gone dormant since lib/ let it in is sent
 * back to /login), then its cookie, with the account as the record saw it.
 */
export async function openSession(userId: string, redirectTo: string, method: SignInMethod): Promise<never> {
  const now = new Date();
  const started = await startSession({ userId, method, now });
  if (!started) redirect('/login');
  await writeSessionCookie({ ...started.account, userId, sessionId: started.sessionId }, now);
  redirect(safeReturnPath(redirectTo) ?? '/');
}
