import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb } from '@/db';
import type { User } from '@/db/schema';
import { config } from '@/lib/config';
import { twoStepStatus } from '@/lib/two-step/status';
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

/** Where an admin without two-step is sent (ADMIN_TWO_STEP_REQUIRED), with the notice saying why. */
export const ADMIN_TWO_STEP_PATH = '/account/security?required=admin';

export type AdminAccess = { status: 'admin'; admin: User } | { status: 'not-found' } | { status: 'two-step-required' };

/**
 * Whether this request may use the admin console: the role, and with ADMIN_TWO_STEP_REQUIRED (the
 * default) two-step on for the account. For route handlers; pages and actions use requireAdmin.
 * Read once per render, like the user: the admin layout and its page both ask.
 */
export const checkAdminAccess = cache(async (): Promise<AdminAccess> => {
  const user = await getCurrentUser();
  if (!user || user.role !== 'admin') return { status: 'not-found' };
  if (config.ADMIN_TWO_STEP_REQUIRED && !(await twoStepStatus(await getDb(), user.id)).on) return { status: 'two-step-required' };
  return { status: 'admin', admin: user };
});

/**
 * The signed-in admin; anyone else gets a 404, as if the page did not exist. An admin without
 * two-step (ADMIN_TWO_STEP_REQUIRED) is sent to the Security page first.
 */
export async function requireAdmin(): Promise<User> {
  const access = await checkAdminAccess();
  if (access.status === 'not-found') notFound();
  if (access.status === 'two-step-required') redirect(ADMIN_TWO_STEP_PATH);
  return access.admin;
}
