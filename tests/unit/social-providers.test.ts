import { describe, expect, it } from 'vitest';
import { buildAuthProviders, enabledSocialProviders, socialFormActionOrigins } from '@/lib/auth/providers';
import { parseConfig } from '@/lib/config';

describe('social providers', () => {
  it('are all off when no provider is configured', () => {
    const config = parseConfig({ AUTH_SECRET: 'x' });
    expect(enabledSocialProviders(config)).toEqual([]);
    expect(buildAuthProviders(config)).toEqual([]);
    expect(socialFormActionOrigins(config)).toEqual([]);
  });

  it('are switched on by their environment variables alone, in a fixed order', () => {
    const config = parseConfig({
      AUTH_SECRET: 'x',
      AUTH_OIDC_ISSUER: 'https://sso.example.com/realms/staff',
      AUTH_OIDC_ID: 'app',
      AUTH_OIDC_SECRET: 's',
      AUTH_KAKAO_ID: 'k',
      AUTH_KAKAO_SECRET: 's',
      AUTH_GOOGLE_ID: 'g',
      AUTH_GOOGLE_SECRET: 's',
    });
    expect(enabledSocialProviders(config)).toEqual([
      { id: 'google', name: 'Google' },
      { id: 'kakao', name: 'Kakao' },
      { id: 'oidc', name: 'Company SSO' },
    ]);
    expect(socialFormActionOrigins(config)).toEqual(['https://accounts.google.com', 'https://kauth.kakao.com', 'https://sso.example.com']);
    const ids = buildAuthProviders(config).map((provider) => (typeof provider === 'function' ? provider().id : provider.id));
    expect(ids).toEqual(['google', 'kakao', 'oidc']);
  });

  it('names the OIDC provider after AUTH_OIDC_NAME', () => {
    const config = parseConfig({ AUTH_SECRET: 'x', AUTH_OIDC_ISSUER: 'https://id.example.com', AUTH_OIDC_ID: 'a', AUTH_OIDC_SECRET: 'b', AUTH_OIDC_NAME: 'Acme Login' });
    expect(enabledSocialProviders(config)).toEqual([{ id: 'oidc', name: 'Acme Login' }]);
  });

  it('refuses half-configured providers at startup', () => {
    expect(() => parseConfig({ AUTH_SECRET: 'x', AUTH_GITHUB_ID: 'id' })).toThrow(
      'Invalid configuration: AUTH_GITHUB_SECRET must be set together with AUTH_GITHUB_ID',
    );
    expect(() => parseConfig({ AUTH_SECRET: 'x', AUTH_NAVER_SECRET: 's' })).toThrow(
      'Invalid configuration: AUTH_NAVER_ID must be set together with AUTH_NAVER_SECRET',
    );
    expect(() => parseConfig({ AUTH_SECRET: 'x', AUTH_OIDC_ID: 'a', AUTH_OIDC_SECRET: 'b' })).toThrow(
      'Invalid configuration: AUTH_OIDC_ISSUER must be set together with AUTH_OIDC_ID',
    );
    expect(() => parseConfig({ AUTH_SECRET: 'x', AUTH_OIDC_ISSUER: 'not a url' })).toThrow(/AUTH_OIDC_ISSUER/);
  });
});
