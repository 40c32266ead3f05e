import 'server-only';
import { getDb, type Transaction } from '@/db';
import { revokeOtherSessions, revokeSession } from '@/db/sessions';
import { recordLoginEvent } from '@/lib/auth/login-events';
import type { ClientInfo } from '@/lib/http/client-info';

/** Log out: ends this session's record, so the cookie (or any copy of it) opens nothing afterwards. */
export async function endSession(userId: string, sessionId: string, now: Date): Promise<void> {
  await revokeSession(await getDb(), userId, sessionId, now);
}

export type EndDeviceSessionOutcome = { status: 'signed-out' } | { status: 'not-found' };

/**
 * "Sign out" on /account/sessions: ends one of the person's other sessions (never the current one,
 * never another person's) at its next request, and logs it with the device that asked.
 */
export async function endDeviceSession(input: { userId: string; sessionId: string; currentSessionId: string; client: ClientInfo; now: Date }): Promise<EndDeviceSessionOutcome> {
  if (input.sessionId === input.currentSessionId) return { status: 'not-found' };
  const { client } = input;
  const db = await getDb();
  const revoked = await db.transaction(async (tx) => {
    const id = await revokeSession(tx, input.userId, input.sessionId, input.now);
    if (id) await recordLoginEvent(tx, { userId: input.userId, email: null, ...client, reason: 'session_revoked', success: true, now: input.now });
    return id;
  });
  return revoked ? { status: 'signed-out' } : { status: 'not-found' };
}

/** "Sign out of all other devices": every session of the person but this one; how many ended. */
export async function endOtherSessions(input: { userId: string; currentSessionId: string; client: ClientInfo; now: Date }): Promise<number> {
  const { client } = input;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const count = await revokeOtherSessions(tx, input.userId, input.currentSessionId, input.now);
    if (count) await recordLoginEvent(tx, { userId: input.userId, email: null, ...client, reason: 'other_sessions_revoked', success: true, now: input.now });
    return count;
  });
}

/** An admin's "Sign out" on one session of an account (in the transaction of its audit entry); false when it was not live. */
export async function endUserSession(tx: Transaction, userId: string, sessionId: string, now: Date): Promise<boolean> {
  return (await revokeSession(tx, userId, sessionId, now)) !== null;
}
