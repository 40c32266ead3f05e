import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { SignInMethod } from '@/lib/auth/sign-in-method';
import { openSession } from '@/lib/auth/open-session';
import { config } from '@/lib/config';
import { getClientInfo } from '@/lib/http/client-info';
import { cookieOptions } from '@/lib/http/cookie-options';
import { consumePendingSignIn, countPendingFailure, findPendingSignIn, issuePendingTicket, type SecondFactor } from './pending-sign-in';

// The browser side of the step between a correct password (or provider, restore, reactivation)
// and a session, for an account with two-step on: the ticket lives in an httpOnly cookie scoped to
// /login/two-step, so it is bound to this browser and sent nowhere else. pending-sign-in.ts keeps
// the rules.

export const TWO_STEP_COOKIE = 'two_step';
const COOKIE_PATH = '/login/two-step';
const ENDED = '/login?twoStep=ended';

async function setTicketCookie(value: string, maxAgeSeconds: number): Promise<void> {
  (await cookies()).set(TWO_STEP_COOKIE, value, cookieOptions(COOKIE_PATH, maxAgeSeconds));
}

async function ticketCookie(): Promise<string> {
  return (await cookies()).get(TWO_STEP_COOKIE)?.value ?? '';
}

/**
 * Issues the ticket and puts it in this browser; the caller then redirects to /login/two-step.
 * `logHold`: also log two_step_required (for ways in whose attempt was not logged as such already).
 */
export async function startPendingTwoStep(userId: string, redirectTo: string, method: SignInMethod, now: Date, options: { logHold?: boolean } = {}): Promise<void> {
  const hold = options.logHold ? await getClientInfo() : undefined;
  await setTicketCookie(await issuePendingTicket(userId, redirectTo, method, now, hold), config.TWO_STEP_TICKET_MINUTES * 60);
}

/** The account waiting for its second factor in this browser, or null. Reads only. */
export async function readPendingTwoStep(): Promise<{ userId: string } | null> {
  const pending = await findPendingSignIn(await ticketCookie(), new Date());
  return pending ? { userId: pending.userId } : null;
}

/** The second factor was given: consumes the ticket, logs, signs in and redirects (to /login when it ended meanwhile). */
export async function completePendingTwoStep(factor: SecondFactor): Promise<never> {
  const pending = await consumePendingSignIn(await ticketCookie(), factor, await getClientInfo(), new Date());
  await setTicketCookie('', 0);
  if (!pending) redirect(ENDED);
  return openSession(pending.userId, pending.redirectTo, pending.method);
}

/** Counts a wrong try (also towards LOCKOUT_*); 'ended' clears the ticket, and the caller sends the person to /login. */
export async function failPendingTwoStep(reason: 'two_step_failed' | 'passkey_failed'): Promise<'again' | 'ended'> {
  const result = await countPendingFailure(await ticketCookie(), reason, await getClientInfo(), new Date());
  if (result === 'ended') await setTicketCookie('', 0);
  return result;
}
