import 'server-only';
import { and, eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { getDb, type Queryable } from '@/db';
import { users } from '@/db/schema';
import { config } from '@/lib/config';
import { cookieOptions } from '@/lib/http/cookie-options';
import { consumeAuthToken, findLiveAuthToken, issueAuthToken } from './auth-tokens';

// A withdrawn person who logs in with the right password gets this ticket (in the httpOnly `restore`
// cookie) instead of a session; /account/restore reads it to offer restoring the account.

export const RESTORE_COOKIE = 'restore';

export function restoreTicketTtlMs(): number {
  return config.RESTORE_TICKET_TTL_MINUTES * 60_000;
}

/** A one-time restore ticket for a withdrawn account (auth_tokens purpose 'restore', stored hashed). */
export async function issueRestoreTicket(q: Queryable, userId: string, now: Date): Promise<string> {
  const { token } = await issueAuthToken(q, { userId, purpose: 'restore', ttlMs: restoreTicketTtlMs(), now });
  return token;
}

/** The withdrawn account a live ticket was issued for, or null. Does not use the ticket up. */
export async function readRestoreTicket(ticket: string, now: Date): Promise<{ userId: string } | null> {
  const db = await getDb();
  const row = await findLiveAuthToken(db, ticket, 'restore', now);
  if (!row) return null;
  const [user] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, row.userId), eq(users.status, 'withdrawn')));
  return user ? { userId: user.id } : null;
}

/** Uses a restore ticket up (call it in the transaction that restores the account); null when not live. */
export function consumeRestoreTicket(q: Queryable, ticket: string, now: Date): Promise<{ userId: string } | null> {
  return consumeAuthToken(q, ticket, 'restore', now);
}

/** Issues a restore ticket and keeps it in the httpOnly `restore` cookie; then redirect to /account/restore. */
export async function offerRestore(userId: string, now: Date): Promise<void> {
  const ticket = await issueRestoreTicket(await getDb(), userId, now);
  await setRestoreCookie(ticket);
}

export async function setRestoreCookie(ticket: string): Promise<void> {
  (await cookies()).set(RESTORE_COOKIE, ticket, cookieOptions('/', config.RESTORE_TICKET_TTL_MINUTES * 60));
}
