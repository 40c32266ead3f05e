import type { SocialProvider } from '@/lib/auth/providers';

type Translate = (key: string) => string;

/** A provider's name as this locale writes it (카카오, 네이버); the OIDC provider keeps AUTH_OIDC_NAME. `t` is the "social" namespace. */
export function socialProviderLabel(provider: SocialProvider, t: Translate): string {
  return provider.id === 'oidc' ? provider.name : t(`providerNames.${provider.id}`);
}
