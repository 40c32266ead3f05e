import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import { authTokens, users, type User } from '@/db/schema';
import { generateToken, hashToken } from './tokens';

const LOGIN_TICKET_TTL_MS = 60_000;

/** How a ticket's sign-in was earned: it becomes the session record's method (lib/sessions). */
// 'passkey' is a sign-in complete in itself (the passkey with user verification is both factors).
export const ticketMethods = ['password', 'reactivation', 'restore', 'passkey'] as const;
export type TicketMethod = (typeof ticketMethods)[number];

/**
 * A one-time ticket that lets Auth.js open a session for a user whom lib/ has already let in.
 * Lives one minute, single use, stored hashed like every token. It starts with its method in the
 * clear; the hash covers the whole ticket, so the method cannot be changed without voiding it.
 */
export async function issueLoginTicket(q: Queryable, userId: string, now: Date, method: TicketMethod = 'password'): Promise<string> {
  const ticket = `${method}.${generateToken()}`;
  await q.insert(authTokens).values({
    userId,
    purpose: 'login_ticket',
    tokenHash: hashToken(ticket),
    expiresAt: new Date(now.getTime() + LOGIN_TICKET_TTL_MS),
    createdAt: now,
  });
  return ticket;
}

/** Uses a ticket up; the active user it was issued for and how, or null when it is unknown, used or expired. */
export async function consumeLoginTicket(ticket: string, now: Date): Promise<{ user: User; method: TicketMethod } | null> {
  const method = ticketMethods.find((candidate) => ticket.startsWith(`${candidate}.`));
  if (!method) return null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(authTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(authTokens.tokenHash, hashToken(ticket)),
          eq(authTokens.purpose, 'login_ticket'),
          isNull(authTokens.usedAt),
          gt(authTokens.expiresAt, now),
        ),
      )
      .returning({ userId: authTokens.userId });
    if (!used) return null;
    const [user] = await tx.select().from(users).where(and(eq(users.id, used.userId), eq(users.status, 'active')));
    return user ? { user, method } : null;
  });
}
