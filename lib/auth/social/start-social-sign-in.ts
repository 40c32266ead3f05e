import 'server-only';
import { redirect, unstable_rethrow } from 'next/navigation';
import { signIn } from '@/auth';
import { getDb } from '@/db';
import { recordLoginEvent } from '@/lib/auth/login-events';
import type { SocialProviderId } from '@/lib/auth/providers';
import { getClientInfo } from '@/lib/http/client-info';
import type { SocialIntentPurpose } from './intent';
import { setSocialIntentCookie } from './intent-cookie';

export type StartSocialSignInOptions = {
  /** Same-origin path to land on after a successful sign-in. */
  redirectTo: string;
  /** Same-origin path to land on when the provider cannot even be reached. */
  failureRedirect: string;
  /** Set for a signed-in person who links a provider or proves it is still them. */
  intent?: { purpose: SocialIntentPurpose; userId: string };
};

/**
 * Sends the person to the provider's sign-in page. Only for server actions: it always throws Next's
 * redirect. A provider that cannot be reached (discovery fails) is logged and sent to failureRedirect.
 */
export async function startSocialSignIn(provider: SocialProviderId, options: StartSocialSignInOptions): Promise<never> {
  if (options.intent) await setSocialIntentCookie({ ...options.intent, provider });
  try {
    await signIn(provider, { redirectTo: options.redirectTo });
  } catch (error) {
    unstable_rethrow(error);
    console.error(`[auth] could not start a ${provider} sign-in`, error);
    const client = await getClientInfo();
    await recordLoginEvent(await getDb(), {
      userId: options.intent?.userId ?? null,
      email: null,
      ...client,
      reason: 'provider_error',
      success: false,
      provider,
      now: new Date(),
    }).catch((logError: unknown) => console.error('login log: could not record a failed provider start', logError));
  }
  redirect(options.failureRedirect);
}
