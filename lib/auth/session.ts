import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import type { User } from '@/db/schema';
import { getClientInfo } from '@/lib/http/client-info';
import { findCurrentSessionUser, noteSessionSeen } from '@/lib/sessions/current-session';
import { mustChangePassword } from './password-expiry';
import { readSessionClaims, type SessionClaims } from './session-token';

/** The session cookie's claims, read once per request; null when signed out. */
const getSessionClaims = cache(async (): Promise<SessionClaims | null> => readSessionClaims(await headers()));

/**
 * The signed-in user, or null. The one way server code reads the session: its record must exist and
 * not be revoked (Log out, "Sign out" on /account/sessions), the JWT must match the account's current
 * session_version and the account must be active, so bumping session_version ends every session of
 * that user on its next request. One query, read once per request.
 */
export const getCurrentUser = cache(async (): Promise<User | null> => {
  const claims = await getSessionClaims();
  if (!claims) return null;
  const found = await findCurrentSessionUser(claims);
  if (!found) return null;
  if (claims.sessionId) await noteSessionSeen(claims.sessionId, found.lastSeenAt, new Date(), async () => (await getClientInfo()).ip);
  return found.user;
});

/** The id of this request's session record (for "This device"), or null when signed out. */
export async function getCurrentSessionId(): Promise<string | null> {
  return (await getCurrentUser()) ? ((await getSessionClaims())?.sessionId ?? null) : null;
}

/** The session's sign-in time (seconds since epoch), for "fresh sign-in" checks; 0 when signed out. */
export async function getSessionAuthTime(): Promise<number> {
  return (await getSessionClaims())?.authTime ?? 0;
}

/**
 * The signed-in user, or a redirect to /login that comes back to `returnTo`. A user whose password
 * has expired is sent to /account/password unless the caller is that page.
 */
export async function requireUser(returnTo: string, options: { allowExpiredPassword?: boolean } = {}): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!options.allowExpiredPassword && mustChangePassword(user)) redirect('/account/password?expired=1');
  return user;
}

/** The signed-in admin; anyone else gets a 404, as if the page did not exist. */
export async function requireAdmin(): Promise<User> {
  const user = await getCurrentUser();
  if (!user || user.role !== 'admin') notFound();
  return user;
}
