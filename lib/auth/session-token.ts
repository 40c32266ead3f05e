import 'server-only';
import { getToken, type JWT } from 'next-auth/jwt';
import { config } from '@/lib/config';

// Reading the session straight from its cookie. Auth.js's own auth() runs its whole request
// pipeline (a synthetic /api/auth/session request, callbacks, a re-encrypted cookie that a server
// component cannot even set) for every call; a page needs only the claims. Auth.js still writes
// the cookie at sign-in and renews it (proxy.ts asks it to when the token is getting old).

const SECURE_COOKIE = '__Secure-authjs.session-token';
const PLAIN_COOKIE = 'authjs.session-token';

/** How long a session lives without use, and how old its cookie gets before it is renewed (auth.ts, proxy.ts). */
export function sessionAges(): { maxAgeSeconds: number; renewAfterSeconds: number } {
  return { maxAgeSeconds: config.SESSION_MAX_AGE_DAYS * 86_400, renewAfterSeconds: config.SESSION_RENEW_AFTER_HOURS * 3_600 };
}

export type SessionClaims = {
  userId: string;
  /** The session's record (lib/sessions); null in a token from before records existed, which no longer opens pages. */
  sessionId: string | null;
  sessionVersion: number;
  passwordExpired: boolean;
  /** When the person signed in (seconds since epoch), for "fresh sign-in" checks. */
  authTime: number;
  /** When this token was issued (seconds since epoch): renewed tokens get a new one. */
  issuedAt: number;
};

/**
 * Whether Auth.js should look at this session: to renew a token older than `renewAfterSeconds`
 * (sliding expiry) or to clear a cookie that did not decrypt. Younger tokens are left alone, so most
 * requests never enter Auth.js.
 */
export function sessionNeedsAuthJs(claims: SessionClaims | null, nowSeconds: number, renewAfterSeconds: number): boolean {
  return !claims || nowSeconds - claims.issuedAt > renewAfterSeconds;
}

/** Whether the request carries a session cookie at all (whole or in Auth.js's chunks). */
export function hasSessionCookie(cookieHeader: string | null): boolean {
  return !!cookieHeader && cookieHeader.includes('authjs.session-token');
}

/** The session's claims, or null when there is no cookie or it does not decrypt (tampered, expired, old secret). */
export async function readSessionClaims(headers: Headers): Promise<SessionClaims | null> {
  const cookieHeader = headers.get('cookie');
  if (!hasSessionCookie(cookieHeader)) return null;
  // Browsers only keep __Secure- cookies set over https, so its presence says which name Auth.js used.
  const secureCookie = cookieHeader!.includes(SECURE_COOKIE);
  const token = await getToken({
    req: { headers: new Headers({ cookie: cookieHeader! }) },
    secret: config.AUTH_SECRET,
    secureCookie,
    cookieName: secureCookie ? SECURE_COOKIE : PLAIN_COOKIE,
  }).catch(() => null);
  return token ? claimsOf(token) : null;
}

function claimsOf(token: JWT): SessionClaims | null {
  // getToken has checked the signature and the expiry; these are our own claims (auth.ts).
  if (typeof token.uid !== 'string' || !token.uid || typeof token.sv !== 'number') return null;
  return {
    userId: token.uid,
    sessionId: typeof token.sid === 'string' ? token.sid : null,
    sessionVersion: token.sv,
    passwordExpired: token.pe === true,
    authTime: typeof token.authTime === 'number' ? token.authTime : 0,
    issuedAt: typeof token.iat === 'number' ? token.iat : 0,
  };
}
