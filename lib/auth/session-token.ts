import 'server-only';
import { createActionURL } from '@auth/core';
import { EncryptJWT, base64url, calculateJwkThumbprint } from 'jose';
import { getToken, type JWT } from 'next-auth/jwt';
import { hkdfSync, randomUUID } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import type { UserRole } from '@/db/schema';
import { config } from '@/lib/config';

// The session cookie, read and written straight. Auth.js's own auth() runs its whole request
// pipeline (a synthetic /api/auth/session request, callbacks, a re-encrypted cookie that a server
// component cannot even set) for every call; a page needs only the claims. Likewise a sign-in that
// lib/ has decided needs only its cookie, not a round through Auth.js's credentials callback. The
// cookie is Auth.js's own (its encryption, name and options), so Auth.js renews it (proxy.ts asks it
// to when the token is getting old), describes it, clears it and signs it out as its own.

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

/** What a new session's token says: Auth.js's standard claims and ours (auth.ts maps them back). */
export type NewSessionToken = {
  userId: string;
  name: string | null;
  email: string | null;
  role: UserRole;
  sessionVersion: number;
  passwordExpired: boolean;
  /** The session's record (lib/sessions/start-session.ts). */
  sessionId: string;
};

/**
 * Sets the session cookie of a sign-in lib/ has decided, as Auth.js's credentials callback would
 * (sessionCookieFor), over https where Auth.js would use it: by AUTH_URL when set, else by the
 * request. Only for server actions and route handlers (it sets a cookie). Chunks of an older, larger
 * cookie are removed, or they would be read together with the new one.
 */
export async function writeSessionCookie(session: NewSessionToken, now: Date): Promise<void> {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  const secure = createActionURL('session', headerList.get('x-forwarded-proto') ?? 'https', headerList, process.env, {}).protocol === 'https:';
  const cookie = await sessionCookieFor(session, now, secure);
  for (const { name } of cookieStore.getAll()) if (name.startsWith(`${cookie.name}.`)) cookieStore.delete(name);
  cookieStore.set(cookie.name, cookie.value, cookie.options);
}

/**
 * The session cookie Auth.js itself would set for this sign-in: the JWE of its encode, salted with
 * the cookie's name; that name (__Secure- over https); HttpOnly, SameSite=Lax, path /, the
 * session's lifetime. The token is well under a cookie's 4 KB, so never split into Auth.js's chunks.
 */
export async function sessionCookieFor(session: NewSessionToken, now: Date, secure: boolean) {
  const name = secure ? SECURE_COOKIE : PLAIN_COOKIE;
  const { maxAgeSeconds } = sessionAges();
  const token = sessionTokenClaims(session, now);
  const issuedAt = Math.floor(Date.now() / 1000);
  const value = await encryptSessionToken(token, name, issuedAt, issuedAt + maxAgeSeconds);
  // The browser sends this token next (the page the sign-in redirects to): its claims are known.
  const claims = claimsOf({ ...token, iat: issuedAt });
  if (claims) remember(`${name}=${value}`, { claims, expiresAt: issuedAt + maxAgeSeconds });
  const options = { httpOnly: true, sameSite: 'lax', path: '/', secure, expires: new Date(now.getTime() + maxAgeSeconds * 1000) } as const;
  return { name, value, options };
}

/**
 * The JWE Auth.js's encode() makes (next-auth/jwt; dir, A256CBC-HS512, the key derived from
 * AUTH_SECRET by HKDF with the cookie's name as salt, the key's thumbprint as kid), with the key
 * derived once per cookie name: encode() derives it and hashes its thumbprint for every token, about
 * half of a token's encryption CPU. The session-token unit test decodes the result with Auth.js.
 */
async function encryptSessionToken(token: JWT, cookieName: string, issuedAt: number, expiresAt: number): Promise<string> {
  const { key, kid } = await (encryptionKeys.get(cookieName) ?? deriveEncryptionKey(cookieName));
  return new EncryptJWT(token).setProtectedHeader({ alg: 'dir', enc: 'A256CBC-HS512', kid }).setIssuedAt(issuedAt).setExpirationTime(expiresAt).setJti(randomUUID()).encrypt(key);
}

const encryptionKeys = new Map<string, Promise<{ key: Uint8Array; kid: string }>>();

function deriveEncryptionKey(cookieName: string): Promise<{ key: Uint8Array; kid: string }> {
  const key = new Uint8Array(hkdfSync('sha256', config.AUTH_SECRET, cookieName, `Auth.js Generated Encryption Key (${cookieName})`, 64));
  const derived = calculateJwkThumbprint({ kty: 'oct', k: base64url.encode(key) }, 'sha512').then((kid) => ({ key, kid }));
  encryptionKeys.set(cookieName, derived);
  return derived;
}

/**
 * A new session's claims, whichever way it was signed in to: Auth.js's standard ones (sub, name,
 * email) and ours, which readSessionClaims and auth.ts's callbacks read back. authTime: now.
 */
export function sessionTokenClaims(session: NewSessionToken, now: Date): JWT {
  return {
    sub: session.userId,
    name: session.name,
    email: session.email,
    uid: session.userId,
    role: session.role,
    sv: session.sessionVersion,
    pe: session.passwordExpired,
    authTime: Math.floor(now.getTime() / 1000),
    sid: session.sessionId,
  };
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
  const cookieName = secureCookie ? SECURE_COOKIE : PLAIN_COOKIE;
  const sent = sessionCookieText(cookieHeader!, cookieName);
  const known = recentClaims.get(sent);
  if (known) {
    if (known.expiresAt > Date.now() / 1000) return known.claims;
    recentClaims.delete(sent);
    return null;
  }
  const token = await getToken({ req: { headers: new Headers({ cookie: cookieHeader! }) }, secret: config.AUTH_SECRET, secureCookie, cookieName }).catch(() => null);
  const claims = token ? claimsOf(token) : null;
  if (claims && typeof token?.exp === 'number') remember(sent, { claims, expiresAt: token.exp });
  return claims;
}

// Decrypting a session token costs a key derivation, a key thumbprint and an AES/HMAC pass, about a
// sixth of /account's CPU (BENCHMARKS.md), twice a request (proxy.ts and the page), and a browser
// sends the same token with every request until it is renewed. So the claims of tokens this process
// has decrypted are kept, keyed by the token's own text, and their expiry is checked at each read; a
// token it has not seen is decrypted. Revocation does not depend on this: every page and action
// checks the session's record in the database. Kept on globalThis: proxy.ts and the app are bundled apart.
const RECENT_CLAIMS_LIMIT = 5_000;
type RecentClaims = { claims: SessionClaims; expiresAt: number };
const holder = globalThis as { __lifecycleSessionClaims?: Map<string, RecentClaims> };
const recentClaims = (holder.__lifecycleSessionClaims ??= new Map());

function remember(token: string, entry: RecentClaims) {
  // Oldest first: Map keeps insertion order.
  if (recentClaims.size >= RECENT_CLAIMS_LIMIT) recentClaims.delete(recentClaims.keys().next().value!);
  recentClaims.set(token, entry);
}

/** The session cookie's pairs as sent (whole, or Auth.js's chunks `name.0`, `name.1`…), in the header's order. */
function sessionCookieText(cookieHeader: string, cookieName: string): string {
  return cookieHeader
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${cookieName}=`) || pair.startsWith(`${cookieName}.`))
    .join('; ');
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
