import 'server-only';
import type { User } from '@/db/schema';
import { findUserBySession, touchSession } from '@/db/sessions';

/** last_seen_at is written at most this often per session, so reading a page costs no write. */
export const LAST_SEEN_INTERVAL_MS = 5 * 60_000;

type TokenClaims = { userId: string; sessionId: string | null; sessionVersion: number };

/**
 * The account a session token stands for, or null when the session was revoked or is unknown,
 * the account is not active, or its session_version moved on ("end everything"). One query.
 */
export async function findCurrentSessionUser(claims: TokenClaims): Promise<{ user: User; lastSeenAt: Date } | null> {
  if (!claims.sessionId) return null;
  const found = await findUserBySession(claims.userId, claims.sessionId);
  if (!found || found.user.status !== 'active' || found.user.sessionVersion !== claims.sessionVersion) return null;
  return found;
}

/**
 * Records that the session was used now (and from where), when its last record is older than
 * LAST_SEEN_INTERVAL_MS; otherwise costs nothing, not even reading the IP.
 */
export async function noteSessionSeen(sessionId: string, lastSeenAt: Date, now: Date, ip: () => Promise<string | null>): Promise<void> {
  if (now.getTime() - lastSeenAt.getTime() < LAST_SEEN_INTERVAL_MS) return;
  await touchSession(sessionId, await ip(), now, LAST_SEEN_INTERVAL_MS);
}
