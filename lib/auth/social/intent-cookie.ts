import 'server-only';
import { cookies } from 'next/headers';
import { config } from '@/lib/config';
import { cookieOptions } from '@/lib/http/cookie-options';
import { decodeSocialIntent, encodeSocialIntent, type SocialIntent } from './intent';

export const SOCIAL_INTENT_COOKIE = 'social-intent';
// Sent only to the Auth.js endpoints, where the provider callback reads it.
const COOKIE_PATH = '/api/auth';

/** For server actions: remembers, for SOCIAL_INTENT_TTL_MINUTES, why this person is going to the provider. */
export async function setSocialIntentCookie(intent: SocialIntent, now = new Date()): Promise<void> {
  const maxAge = config.SOCIAL_INTENT_TTL_MINUTES * 60;
  const value = encodeSocialIntent(intent, config.AUTH_SECRET, new Date(now.getTime() + maxAge * 1000));
  (await cookies()).set(SOCIAL_INTENT_COOKIE, value, cookieOptions(COOKIE_PATH, maxAge));
}

/** For the provider callback: the intent, if any, used up so it serves one sign-in only. */
export async function takeSocialIntentCookie(now = new Date()): Promise<SocialIntent | null> {
  const store = await cookies();
  const value = store.get(SOCIAL_INTENT_COOKIE)?.value;
  if (value === undefined) return null;
  store.set(SOCIAL_INTENT_COOKIE, '', cookieOptions(COOKIE_PATH, 0));
  return decodeSocialIntent(value, config.AUTH_SECRET, now);
}
