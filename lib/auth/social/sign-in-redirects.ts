import 'server-only';
import { cookies } from 'next/headers';
import { offerRestore } from '@/lib/auth/restore-ticket';
import { safeReturnPath } from '@/lib/http/return-path';
import { startPendingTwoStep } from '@/lib/two-step/login-ticket';
import { reactivationLimitedPath, setReactivationCookie } from '@/lib/retention/reactivation-cookie';
import { startReactivation } from '@/lib/retention/reactivation';
import type { SocialSignInOutcome } from './complete-social-sign-in';

// Where the provider callback sends a person whom it did not sign in.

/** What the Auth.js signIn callback returns: true to sign in, or the path to send the person to instead. */
export async function signInResultFor(outcome: SocialSignInOutcome, now: Date): Promise<true | string> {
  switch (outcome.status) {
    case 'signed-in':
    case 'created':
    case 'linked':
    case 'reauthenticated':
      return true;
    case 'two-step-required':
      await startPendingTwoStep(outcome.userId, await providerReturnPath(), outcome.provider, now);
      return '/login/two-step';
    case 'link-required':
      return '/login?error=link-required';
    case 'email-unverified':
      return '/login?error=email-unverified';
    case 'link-conflict':
      return `/account/connections?error=${outcome.conflict}`;
    case 'reauth-mismatch':
      return '/account/connections?error=reauth-mismatch';
    case 'withdrawn':
      return redirectForWithdrawnAccount(outcome.userId, now);
    case 'closed':
      return '/login?error=withdrawn';
    case 'dormant':
      return redirectForDormantAccount(outcome.userId, now);
  }
}

/** A withdrawn account within its grace period is offered a restore, as after a password login. */
export async function redirectForWithdrawnAccount(userId: string, now: Date): Promise<string> {
  await offerRestore(userId, now);
  return '/account/restore';
}

/** A dormant account reactivates as after a password login: a code to its address, then /reactivate. */
export async function redirectForDormantAccount(userId: string, now: Date): Promise<string> {
  const reactivation = await startReactivation({ userId, now });
  if (reactivation.status === 'limited') return reactivationLimitedPath(reactivation.limit);
  await setReactivationCookie(reactivation.ticket);
  return '/reactivate';
}

/** Where the provider sign-in was headed (Auth.js keeps it in its callback-url cookie), for after the second step. */
async function providerReturnPath(): Promise<string> {
  const cookieStore = await cookies();
  const stored = cookieStore.get('__Secure-authjs.callback-url')?.value ?? cookieStore.get('authjs.callback-url')?.value;
  if (!stored) return '/account';
  try {
    const url = new URL(stored, 'http://relative.invalid');
    return safeReturnPath(`${url.pathname}${url.search}`) ?? '/account';
  } catch {
    return '/account';
  }
}
