import { getTranslations } from 'next-intl/server';

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

/** The message for a social sign-in error code, as an alert; nothing for other or missing codes. */
export async function SocialSignInError({ code }: { code: string | undefined }) {
  const key = code && Object.hasOwn(MESSAGE_KEYS, code) ? MESSAGE_KEYS[code] : undefined;
  if (!key) return null;
  const t = await getTranslations('social.errors');
  return (
    <div role="alert" className="notice error">
      {t(key)}
    </div>
  );
}
