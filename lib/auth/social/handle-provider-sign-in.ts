import 'server-only';
import type { Account, Profile } from 'next-auth';
import { cookies, headers } from 'next/headers';
import { getDb } from '@/db';
import type { User } from '@/db/schema';
import { isSocialProviderId } from '@/lib/auth/providers';
import { config } from '@/lib/config';
import { getClientInfo } from '@/lib/http/client-info';
import { LOCALE_COOKIE, pickLocale } from '@/lib/i18n/locale';
import { completeSocialSignIn } from './complete-social-sign-in';
import { takeSocialIntentCookie } from './intent-cookie';
import { findUserByProviderAccount } from './provider-accounts';
import { identityFromProfile } from './provider-identity';
import { signInResultFor } from './sign-in-redirects';

// The two places auth.ts hands a provider sign-in to lib/: the signIn callback (decide) and the
// jwt callback (put OUR user into the session token).

/** For the Auth.js signIn callback, once the provider has answered: true to sign in, or where to go instead. */
export async function handleProviderSignIn(account: Account, profile: Profile | undefined): Promise<true | string> {
  if (!isSocialProviderId(account.provider)) return '/login?error=provider-error';
  const now = new Date();
  const [intent, client, locale] = await Promise.all([takeSocialIntentCookie(now), getClientInfo(), requestLocale()]);
  const outcome = await completeSocialSignIn({
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    accountType: account.type,
    identity: identityFromProfile(account.provider, profile as Record<string, unknown> | undefined),
    intent,
    locale,
    ...client,
    now,
  });
  return signInResultFor(outcome, now);
}

/** The active account a provider account signs in to, for the session token; null when there is none. */
export async function findUserForProviderAccount(provider: string, providerAccountId: string): Promise<User | null> {
  const user = await findUserByProviderAccount(await getDb(), provider, providerAccountId);
  return user?.status === 'active' ? user : null;
}

/** A new account's language: the locale cookie, else the browser's, else the default. */
async function requestLocale() {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return pickLocale({ cookie: cookieStore.get(LOCALE_COOKIE)?.value, acceptLanguage: headerList.get('accept-language'), fallback: config.DEFAULT_LOCALE });
}
