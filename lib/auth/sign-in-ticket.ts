import 'server-only';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { startPendingTwoStep } from '@/lib/two-step/login-ticket';
import { twoStepStatus } from '@/lib/two-step/status';
import type { TicketMethod } from './login-ticket';
import { openSession } from './open-session';

/**
 * Opens a session for a user whom lib/ has let in (after a password check, a reactivation code,
 * a restore, a password change) and redirects. Only for server actions: it throws Next's redirect.
 * An account with two-step on goes to /login/two-step first (not signed in yet), unless the way in
 * was a passkey, which is multi-factor in itself.
 */
export async function signInWithTicket(userId: string, redirectTo: string, method: TicketMethod): Promise<never> {
  if (method !== 'passkey' && (await twoStepStatus(await getDb(), userId)).on) {
    await startPendingTwoStep(userId, redirectTo, method, new Date());
    redirect('/login/two-step');
  }
  return openSession(userId, redirectTo, method);
}
