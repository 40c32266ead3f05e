import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import { users, type User } from '@/db/schema';
import { consumeAuthToken, issueAuthToken, tokenLabel } from './auth-tokens';
import { socialProviderIds } from './providers';

const LOGIN_TICKET_TTL_MS = 60_000;

/**
 * How a ticket's sign-in was earned: it becomes the session record's method (lib/sessions). A
 * social provider's id is one when the provider sign-in went through the two-step page first;
 * 'passkey' is complete in itself and never asks for a second factor.
 */
export const ticketMethods = ['password', 'reactivation', 'restore', 'passkey', ...socialProviderIds] as const;
export type TicketMethod = (typeof ticketMethods)[number];

/**
 * A one-time ticket that lets Auth.js open a session for a user whom lib/ has already let in.
 * Lives one minute, single use, stored hashed like every token; it is labelled with its method, and
 * several may be live at once (two browsers signing in at the same moment).
 */
export async function issueLoginTicket(q: Queryable, userId: string, now: Date, method: TicketMethod = 'password'): Promise<string> {
  const { token } = await issueAuthToken(q, { userId, purpose: 'login_ticket', ttlMs: LOGIN_TICKET_TTL_MS, now, label: method, keepOlder: true });
  return token;
}

/** Uses a ticket up; the active user it was issued for and how, or null when it is unknown, used or expired. */
export async function consumeLoginTicket(ticket: string, now: Date): Promise<{ user: User; method: TicketMethod } | null> {
  const method = tokenLabel(ticket, ticketMethods);
  if (!method) return null;
  // No transaction: the UPDATE … RETURNING alone makes the ticket single use, and the account is
  // read after it as a transaction's second statement would read it.
  const db = await getDb();
  const used = await consumeAuthToken(db, ticket, 'login_ticket', now, ticketMethods);
  if (!used) return null;
  const [user] = await db.select().from(users).where(and(eq(users.id, used.userId), eq(users.status, 'active')));
  return user ? { user, method } : null;
}
