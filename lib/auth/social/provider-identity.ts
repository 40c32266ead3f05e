import type { SocialProviderId } from '@/lib/auth/providers';

/** What we take from a provider's profile: the address only when the provider vouches for it. */
export type ProviderIdentity = { email: string | null; emailVerified: boolean; name: string | null };

type Profile = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

function record(value: unknown): Profile {
  return value && typeof value === 'object' ? (value as Profile) : {};
}

/** OIDC says `email_verified: true`; some providers send the string "true". */
function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * Reads the email, whether the provider verified it, and a display name from a provider profile.
 * OIDC (Google, company SSO): `email_verified`. GitHub: the primary address GitHub marked verified
 * (see buildAuthProviders). Kakao: `kakao_account.is_email_valid` and `is_email_verified`.
 * Naver: only hands out addresses it has confirmed, so any address counts as verified.
 */
export function identityFromProfile(provider: SocialProviderId, profile: Profile | undefined): ProviderIdentity {
  const source = profile ?? {};
  switch (provider) {
    case 'kakao': {
      const account = record(source.kakao_account);
      const email = text(account.email);
      const verified = isTrue(account.is_email_verified) && account.is_email_valid !== false;
      return { email: normalise(email), emailVerified: Boolean(email) && verified, name: text(record(account.profile).nickname) };
    }
    case 'naver': {
      const response = record(source.response);
      const email = text(response.email);
      return { email: normalise(email), emailVerified: Boolean(email), name: text(response.name) ?? text(response.nickname) };
    }
    case 'github': {
      const email = text(source.email);
      return { email: normalise(email), emailVerified: Boolean(email) && isTrue(source.email_verified), name: text(source.name) ?? text(source.login) };
    }
    case 'google':
    case 'oidc': {
      const email = text(source.email);
      return {
        email: normalise(email),
        emailVerified: Boolean(email) && isTrue(source.email_verified),
        name: text(source.name) ?? text(source.nickname) ?? text(source.preferred_username),
      };
    }
  }
}

function normalise(email: string | null): string | null {
  return email ? email.toLowerCase().slice(0, 254) : null;
}
