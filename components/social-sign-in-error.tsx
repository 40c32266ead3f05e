import { getTranslations } from 'next-intl/server';
import { QueryNotice } from './query-notice';

// /login?error=… codes from the social sign-in (lib/auth/social) and the generic ones Auth.js itself
// may put there; each gets a message a person can act on.
const MESSAGE_KEYS: Record<string, string> = {
  'link-required': 'linkRequired',
  'email-unverified': 'emailUnverified',
  withdrawn: 'withdrawn',
  'access-denied': 'accessDenied',
  'state-mismatch': 'stateMismatch',
  'provider-error': 'providerError',
  OAuthSignInError: 'providerError',
  OAuthCallbackError: 'providerError',
  OAuthAccountNotLinked: 'linkRequired',
  AccessDenied: 'providerError',
  Configuration: 'providerError',
};

/** The message for the query's social sign-in error code, as an alert; nothing for other or missing codes. */
export async function SocialSignInError() {
  const t = await getTranslations('social.errors');
  return <QueryNotice role="alert" rules={Object.entries(MESSAGE_KEYS).map(([value, key]) => ({ param: 'error', value, message: t(key) }))} />;
}
