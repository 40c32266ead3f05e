import 'server-only';
import type { Provider } from 'next-auth/providers';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import Kakao from 'next-auth/providers/kakao';
import Naver from 'next-auth/providers/naver';
import { config, type Config } from '@/lib/config';

// The social providers the product knows. Each is switched on by its environment variables alone
// (AUTH_<ID>_ID and AUTH_<ID>_SECRET; the generic OIDC provider also needs AUTH_OIDC_ISSUER).

export const socialProviderIds = ['google', 'kakao', 'naver', 'github', 'oidc'] as const;
export type SocialProviderId = (typeof socialProviderIds)[number];

/** A provider as the UI shows it. `name` is the brand (English) or AUTH_OIDC_NAME. */
export type SocialProvider = { id: SocialProviderId; name: string };

type ProviderSettings = Pick<
  Config,
  | 'AUTH_GOOGLE_ID'
  | 'AUTH_GOOGLE_SECRET'
  | 'AUTH_KAKAO_ID'
  | 'AUTH_KAKAO_SECRET'
  | 'AUTH_NAVER_ID'
  | 'AUTH_NAVER_SECRET'
  | 'AUTH_GITHUB_ID'
  | 'AUTH_GITHUB_SECRET'
  | 'AUTH_OIDC_ISSUER'
  | 'AUTH_OIDC_ID'
  | 'AUTH_OIDC_SECRET'
  | 'AUTH_OIDC_NAME'
>;

const BRAND_NAMES: Record<Exclude<SocialProviderId, 'oidc'>, string> = { google: 'Google', kakao: 'Kakao', naver: 'Naver', github: 'GitHub' };

// Where each provider's authorization page lives: the sign-in form posts to us and we redirect
// there, so the CSP's form-action has to allow these origins.
const AUTHORIZATION_ORIGINS: Record<Exclude<SocialProviderId, 'oidc'>, string> = {
  google: 'https://accounts.google.com',
  kakao: 'https://kauth.kakao.com',
  naver: 'https://nid.naver.com',
  github: 'https://github.com',
};

export function isSocialProviderId(value: unknown): value is SocialProviderId {
  return typeof value === 'string' && (socialProviderIds as readonly string[]).includes(value);
}

function credentialsOf(id: SocialProviderId, settings: ProviderSettings): { clientId: string; clientSecret: string } | null {
  const pairs = {
    google: [settings.AUTH_GOOGLE_ID, settings.AUTH_GOOGLE_SECRET],
    kakao: [settings.AUTH_KAKAO_ID, settings.AUTH_KAKAO_SECRET],
    naver: [settings.AUTH_NAVER_ID, settings.AUTH_NAVER_SECRET],
    github: [settings.AUTH_GITHUB_ID, settings.AUTH_GITHUB_SECRET],
    oidc: settings.AUTH_OIDC_ISSUER ? [settings.AUTH_OIDC_ID, settings.AUTH_OIDC_SECRET] : [undefined, undefined],
  } satisfies Record<SocialProviderId, Array<string | undefined>>;
  const [clientId, clientSecret] = pairs[id];
  return clientId && clientSecret ? { clientId, clientSecret } : null;
}

/** The providers whose credentials are configured, in the order the buttons appear. */
export function enabledSocialProviders(settings: ProviderSettings = config): SocialProvider[] {
  return socialProviderIds
    .filter((id) => credentialsOf(id, settings) !== null)
    .map((id) => ({ id, name: id === 'oidc' ? settings.AUTH_OIDC_NAME : BRAND_NAMES[id] }));
}

/** The display name of any known provider, enabled or not (a linked account may outlive its provider's configuration). */
export function socialProviderName(id: SocialProviderId, settings: ProviderSettings = config): string {
  return id === 'oidc' ? settings.AUTH_OIDC_NAME : BRAND_NAMES[id];
}

/** Origins the browser is sent to when a sign-in starts, for the CSP's form-action. */
export function socialFormActionOrigins(settings: ProviderSettings = config): string[] {
  return enabledSocialProviders(settings).map(({ id }) => (id === 'oidc' ? new URL(settings.AUTH_OIDC_ISSUER!).origin : AUTHORIZATION_ORIGINS[id]));
}

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

/**
 * GitHub's public profile email may be missing or not the one the person verified: always ask for
 * the primary address and keep it only when GitHub says it is verified.
 */
async function gitHubProfileWithVerifiedEmail({ tokens }: { tokens: { access_token?: string } }): Promise<Record<string, unknown>> {
  const headers = { Authorization: `Bearer ${tokens.access_token}`, 'User-Agent': 'authjs', Accept: 'application/vnd.github+json' };
  const profile = (await (await fetch('https://api.github.com/user', { headers })).json()) as Record<string, unknown>;
  const response = await fetch('https://api.github.com/user/emails', { headers });
  const emails = response.ok ? ((await response.json()) as GitHubEmail[]) : [];
  const primary = emails.find((entry) => entry.primary && entry.verified);
  return { ...profile, email: primary?.email ?? null, email_verified: Boolean(primary) };
}

/** Auth.js provider configurations for every enabled provider. */
export function buildAuthProviders(settings: ProviderSettings = config): Provider[] {
  const providers: Provider[] = [];
  for (const { id, name } of enabledSocialProviders(settings)) {
    const credentials = credentialsOf(id, settings)!;
    switch (id) {
      case 'google':
        providers.push(Google({ ...credentials, checks: ['pkce', 'state', 'nonce'] }));
        break;
      case 'kakao':
        providers.push(Kakao({ ...credentials, checks: ['pkce', 'state'] }));
        break;
      case 'naver':
        // Naver refuses an authorization request without `state`.
        providers.push(Naver({ ...credentials, checks: ['pkce', 'state'] }));
        break;
      case 'github':
        providers.push(
          GitHub({
            ...credentials,
            checks: ['pkce', 'state'],
            userinfo: { url: 'https://api.github.com/user', request: gitHubProfileWithVerifiedEmail },
          }),
        );
        break;
      case 'oidc':
        providers.push({
          id: 'oidc',
          name,
          type: 'oidc',
          issuer: settings.AUTH_OIDC_ISSUER,
          ...credentials,
          checks: ['pkce', 'state', 'nonce'],
        });
        break;
    }
  }
  return providers;
}
