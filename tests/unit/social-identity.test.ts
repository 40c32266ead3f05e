import { describe, expect, it } from 'vitest';
import { identityFromProfile } from '@/lib/auth/social/provider-identity';

describe('identityFromProfile', () => {
  it('trusts an OIDC address only with email_verified', () => {
    expect(identityFromProfile('oidc', { sub: '1', email: 'A@Example.com', email_verified: true, name: 'A' })).toEqual({
      email: 'a@example.com',
      emailVerified: true,
      name: 'A',
    });
    expect(identityFromProfile('google', { sub: '1', email: 'a@example.com' }).emailVerified).toBe(false);
    expect(identityFromProfile('google', { sub: '1', email: 'a@example.com', email_verified: 'true' }).emailVerified).toBe(true);
    expect(identityFromProfile('oidc', { sub: '1', email_verified: true })).toEqual({ email: null, emailVerified: false, name: null });
  });

  it('reads Kakao verification from kakao_account', () => {
    const profile = (verified: boolean, valid = true) => ({
      id: 42,
      kakao_account: { email: 'k@example.com', is_email_verified: verified, is_email_valid: valid, profile: { nickname: '카카오' } },
    });
    expect(identityFromProfile('kakao', profile(true))).toEqual({ email: 'k@example.com', emailVerified: true, name: '카카오' });
    expect(identityFromProfile('kakao', profile(false)).emailVerified).toBe(false);
    expect(identityFromProfile('kakao', profile(true, false)).emailVerified).toBe(false);
  });

  it('treats a Naver address as verified', () => {
    expect(identityFromProfile('naver', { response: { id: 'n1', email: 'n@example.com', name: '김네이버' } })).toEqual({
      email: 'n@example.com',
      emailVerified: true,
      name: '김네이버',
    });
    expect(identityFromProfile('naver', { response: { id: 'n1' } }).emailVerified).toBe(false);
  });

  it('takes GitHub\'s verified primary address only', () => {
    expect(identityFromProfile('github', { id: 7, login: 'octo', email: 'o@example.com', email_verified: true })).toEqual({
      email: 'o@example.com',
      emailVerified: true,
      name: 'octo',
    });
    expect(identityFromProfile('github', { id: 7, login: 'octo', email: 'o@example.com' }).emailVerified).toBe(false);
  });
});
