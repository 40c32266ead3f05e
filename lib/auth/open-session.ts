import 'server-only';
import { signIn } from '@/auth';
import { issueLoginTicket, type TicketMethod } from './login-ticket';

/**
 * Signs in through Auth.js with a one-time login ticket and redirects, once every factor the
 * account needs was given: only signInWithTicket and the two-step page call it.
 */
export async function openSession(userId: string, redirectTo: string, method: TicketMethod): Promise<never> {
  const ticket = issueLoginTicket(userId, new Date(), method);
  await signIn('credentials', { ticket, redirectTo });
  throw new Error('signIn did not redirect');
}
