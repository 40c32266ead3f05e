import { decode, encode } from '@auth/core/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { config } from '@/lib/config';
import { hasSessionCookie, readSessionClaims, sessionAges, sessionCookieFor, sessionNeedsAuthJs, type SessionClaims } from '@/lib/auth/session-token';

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

describe('reading the claims from the cookie', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const tokenFor = (uid: string, maxAge: number) =>
    encode({ token: { uid, sv: 3, sid: `session-of-${uid}`, pe: false, authTime: 100 }, secret: config.AUTH_SECRET, salt: 'authjs.session-token', maxAge });

  it('gives the claims of a token read before, and refuses it once it has expired, to the second', async () => {
    const token = await tokenFor('remembered', 60);
    const headers = new Headers({ cookie: `locale=ko; authjs.session-token=${token}` });
    expect(await readSessionClaims(headers)).toMatchObject({ userId: 'remembered', sessionId: 'session-of-remembered', sessionVersion: 3 });
    expect(await readSessionClaims(new Headers({ cookie: `authjs.session-token=${token}; locale=en` }))).toMatchObject({ userId: 'remembered' });
    // Decryption alone would still accept it for its 15 seconds of clock tolerance.
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ['Date'] });
    expect(await readSessionClaims(headers)).toBeNull();
  });

  it('refuses a token changed by one character, and one of another secret', async () => {
    const token = await tokenFor('tampered', 60);
    expect(await readSessionClaims(new Headers({ cookie: `authjs.session-token=${token}` }))).toMatchObject({ userId: 'tampered' });
    const flipped = `${token.slice(0, -3)}${token.at(-3) === 'A' ? 'B' : 'A'}${token.slice(-2)}`;
    expect(await readSessionClaims(new Headers({ cookie: `authjs.session-token=${flipped}` }))).toBeNull();
    const foreign = await encode({ token: { uid: 'tampered', sv: 3 }, secret: 'another secret entirely, 32 chars+', salt: 'authjs.session-token', maxAge: 60 });
    expect(await readSessionClaims(new Headers({ cookie: `authjs.session-token=${foreign}` }))).toBeNull();
  });
});

describe('the cookie a sign-in writes (openSession)', () => {
  const session = {
    userId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
    name: 'Kim Minji',
    email: 'minji@example.com',
    role: 'admin' as const,
    sessionVersion: 4,
    passwordExpired: true,
    sessionId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b',
  };
  const signedInAt = new Date('2026-12-07T01:00:00Z');

  it('is the one Auth.js would set: its name, options and lifetime, a token Auth.js decodes with the standard claims and ours', async () => {
    const cookie = await sessionCookieFor(session, signedInAt, false);
    expect(cookie.name).toBe('authjs.session-token');
    expect(cookie.options).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: false, expires: new Date(signedInAt.getTime() + sessionAges().maxAgeSeconds * 1000) });
    const token = await decode({ token: cookie.value, secret: config.AUTH_SECRET, salt: cookie.name });
    expect(token).toMatchObject({ sub: session.userId, name: 'Kim Minji', email: 'minji@example.com', uid: session.userId, role: 'admin', sv: 4, pe: true, sid: session.sessionId, authTime: signedInAt.getTime() / 1000 });
    expect((token!.exp as number) - (token!.iat as number)).toBe(sessionAges().maxAgeSeconds);
  });

  it('is read back by the app as the same session', async () => {
    const cookie = await sessionCookieFor(session, signedInAt, false);
    expect(await readSessionClaims(new Headers({ cookie: `${cookie.name}=${cookie.value}` }))).toMatchObject({
      userId: session.userId,
      sessionId: session.sessionId,
      sessionVersion: 4,
      passwordExpired: true,
      authTime: signedInAt.getTime() / 1000,
    });
  });

  it('over https has the __Secure- name and the Secure flag, and its token is salted with that name', async () => {
    const cookie = await sessionCookieFor(session, signedInAt, true);
    expect(cookie.name).toBe('__Secure-authjs.session-token');
    expect(cookie.options.secure).toBe(true);
    expect(await decode({ token: cookie.value, secret: config.AUTH_SECRET, salt: '__Secure-authjs.session-token' })).toMatchObject({ uid: session.userId });
    await expect(decode({ token: cookie.value, secret: config.AUTH_SECRET, salt: 'authjs.session-token' })).rejects.toThrow();
  });
});
