import 'server-only';
import { and, desc, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import { getDb, preparedQuery, queryRows, type Queryable } from './index';
import { knownDevices, sessions, users, type Session, type User } from './schema';
import { isUuid } from '@/lib/validation/uuid';

// The server-side record of each signed-in session (lib/sessions). A session is live while it is
// not revoked, carries the account's current session_version, and was seen within its lifetime.

export type NewSession = Pick<Session, 'id' | 'userId' | 'ip' | 'userAgent' | 'method'> & { now: Date };

/** What a new session's token and cookies need of its account, as the account is when the session opens. */
export type OpenedAccount = Pick<User, 'name' | 'email' | 'role' | 'sessionVersion' | 'passwordExpired' | 'locale'>;

/**
 * A sign-in's session record, in one round trip, if the account is active at that moment (else
 * null, and nothing is written): the record carries the account's session_version of that moment,
 * and the one it replaces in this browser ends (`endsSessionId`, the same account's). Answers
 * whether the account already knows this browser (`deviceHash`; a new one is recorded apart, with its
 * alert: recordSignInDevice) and what the token needs of the account, its saved language included
 * (the sign-in copies it to the browser's locale cookie).
 */
export async function insertSession(
  q: Queryable,
  session: NewSession & { endsSessionId: string | null },
  deviceHash: string,
): Promise<{ knownDevice: boolean; account: OpenedAccount } | null> {
  const { id, userId, ip, userAgent, method, now } = session;
  const at = now.toISOString();
  const ended = session.endsSessionId && isUuid(session.endsSessionId) ? session.endsSessionId : null;
  const [row] = await queryRows<OpenedAccount & { knownDevice: boolean }>(
    q,
    sql`with account as (
      select id, name, email, role, session_version, password_expired, locale from ${users} where id = ${userId}::uuid and status = 'active'
    ), opened as (
      insert into ${sessions} (id, user_id, ip, user_agent, method, session_version, created_at, last_seen_at)
      select ${id}::uuid, account.id, ${ip}::text, ${userAgent}::text, ${method}::text, account.session_version, ${at}::timestamptz, ${at}::timestamptz from account
    ), ended as (
      update ${sessions} set revoked_at = ${at}::timestamptz
      where id = ${ended}::uuid and user_id = ${userId} and revoked_at is null and exists (select 1 from account)
    )
    select name, email, role, session_version as "sessionVersion", password_expired as "passwordExpired", locale,
      exists (select 1 from ${knownDevices} where user_id = ${userId} and device_hash = ${deviceHash}) as "knownDevice"
    from account`,
  );
  if (!row) return null;
  const { knownDevice, ...account } = row;
  return { knownDevice, account };
}

/**
 * The account behind a session, in one round trip: null unless the session id is known, belongs to
 * that account and is not revoked. The caller still checks status and session_version.
 */
export async function findUserBySession(userId: string, sessionId: string): Promise<{ user: User; lastSeenAt: Date } | null> {
  if (!isUuid(userId) || !isUuid(sessionId)) return null;
  // Every signed-in request runs it: built once (preparedQuery).
  const lookup = await preparedQuery('find_user_by_session', (db, name) =>
    db
      .select({ user: users, lastSeenAt: sessions.lastSeenAt })
      .from(users)
      .innerJoin(sessions, and(eq(sessions.id, sql.placeholder('sessionId')), eq(sessions.userId, users.id), isNull(sessions.revokedAt)))
      .where(eq(users.id, sql.placeholder('userId')))
      .prepare(name),
  );
  const [row] = await lookup.execute({ userId, sessionId });
  return row ?? null;
}

/** Moves last_seen_at on, unless another request already did within `minIntervalMs`. */
export async function touchSession(sessionId: string, ip: string | null, now: Date, minIntervalMs: number): Promise<void> {
  const db = await getDb();
  await db
    .update(sessions)
    .set({ lastSeenAt: now, ip })
    .where(and(eq(sessions.id, sessionId), lt(sessions.lastSeenAt, new Date(now.getTime() - minIntervalMs))));
}

/** Ends one session of this account (never another person's); the id, or null when there was none to end. */
export async function revokeSession(q: Queryable, userId: string, sessionId: string, now: Date): Promise<string | null> {
  if (!isUuid(sessionId)) return null;
  const [row] = await q
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return row?.id ?? null;
}

/** Ends every session of this account but `keepId`; how many. */
export async function revokeOtherSessions(q: Queryable, userId: string, keepId: string, now: Date): Promise<number> {
  const rows = await q
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

/** The account's live sessions, most recently active first. */
export async function listLiveSessions(q: Queryable, userId: string, seenSince: Date): Promise<Session[]> {
  if (!isUuid(userId)) return [];
  const rows = await q
    .select({ session: sessions })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.sessionVersion, sessions.sessionVersion)))
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.lastSeenAt, seenSince)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((row) => row.session);
}

/** Every kept session row of the account, ended ones too (for the data export). */
export async function listAllSessions(q: Queryable, userId: string): Promise<Session[]> {
  return q.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.createdAt));
}

/**
 * Records a device for the account at a sign-in, in one round trip: whether it was new to the
 * account, and whether the account had no device before (its first sign-in; this half reads the
 * table as it was before the insert, as a statement's CTEs share one snapshot).
 */
export async function recordSignInDevice(q: Queryable, userId: string, deviceHash: string, now: Date): Promise<{ newDevice: boolean; firstDevice: boolean }> {
  const [row] = await queryRows<{ newDevice: boolean; firstDevice: boolean }>(
    q,
    sql`with added as (
      insert into ${knownDevices} (user_id, device_hash, created_at) values (${userId}, ${deviceHash}, ${now.toISOString()}::timestamptz) on conflict do nothing returning 1
    )
    select exists (select 1 from added) as "newDevice", not exists (select 1 from ${knownDevices} where user_id = ${userId}) as "firstDevice"`,
  );
  return row;
}
