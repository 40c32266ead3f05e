import 'server-only';
import { signIn } from '@/auth';
import { getDb } from '@/db';
import { issueLoginTicket, type TicketMethod } from './login-ticket';

/**
 * Opens a session for a user whom lib/ has let in (after a password check, a reactivation code,
 * a restore, a password change) and redirects. Only for server actions: it throws Next's redirect.
 */
export async function signInWithTicket(userId: string, redirectTo: string, method: TicketMethod): Promise<never> {
  const ticket = await issueLoginTicket(await getDb(), userId, new Date(), method);
  await signIn('credentials', { ticket, redirectTo });
  throw new Error('signIn did not redirect');
}
