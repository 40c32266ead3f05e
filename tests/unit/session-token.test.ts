import { describe, expect, it } from 'vitest';
import { hasSessionCookie, sessionNeedsAuthJs, type SessionClaims } from '@/lib/auth/session-token';

const now = 1_800_000_000;
const DAY = 86_400;
const claims = (issuedAt: number): SessionClaims => ({ userId: 'u', sessionId: null, sessionVersion: 1, passwordExpired: false, authTime: issuedAt, issuedAt });

describe('session cookie handling in the proxy', () => {
  it('leaves a token younger than the renewal age to the app, and hands an older one to Auth.js to renew', () => {
    expect(sessionNeedsAuthJs(claims(now - 60), now, DAY)).toBe(false);
    expect(sessionNeedsAuthJs(claims(now - DAY), now, DAY)).toBe(false);
    expect(sessionNeedsAuthJs(claims(now - DAY - 1), now, DAY)).toBe(true);
    expect(sessionNeedsAuthJs(claims(now - 2 * 3_600), now, 3_600)).toBe(true);
  });

  it('hands a cookie that did not decrypt to Auth.js, which clears it', () => {
    expect(sessionNeedsAuthJs(null, now, DAY)).toBe(true);
  });

  it('recognises the session cookie under both names and in chunks, and nothing else', () => {
    expect(hasSessionCookie('authjs.session-token=abc')).toBe(true);
    expect(hasSessionCookie('a=1; __Secure-authjs.session-token=abc')).toBe(true);
    expect(hasSessionCookie('authjs.session-token.0=abc; authjs.session-token.1=def')).toBe(true);
    expect(hasSessionCookie('locale=ko; authjs.csrf-token=x')).toBe(false);
    expect(hasSessionCookie(null)).toBe(false);
  });
});
