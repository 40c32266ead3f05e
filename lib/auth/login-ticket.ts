import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users, type User } from '@/db/schema';
import { tokenLabel } from './auth-tokens';
import { socialProviderIds } from './providers';
import { generateToken, hashToken } from './tokens';

const LOGIN_TICKET_TTL_MS = 60_000;

/**
 * How a ticket's sign-in was earned: it becomes the session record's method (lib/sessions). A
 * social provider's id is one when the provider sign-in went through the two-step page first;
 * 'passkey' is complete in itself and never asks for a second factor.
 */
export const ticketMethods = ['password', 'reactivation', 'restore', 'passkey', ...socialProviderIds] as const;
export type TicketMethod = (typeof ticketMethods)[number];

type LiveTicket = { userId: string; method: TicketMethod; expiresAt: number };

// On globalThis: Next may load this module once per route bundle, and one process has one store.
const storeKey = Symbol.for('account-lifecycle.login-tickets');
const globalStore = globalThis as typeof globalThis & { [storeKey]?: Map<string, LiveTicket> };
const liveTickets = (globalStore[storeKey] ??= new Map());

/**
 * A one-time ticket that lets Auth.js open a session for a user whom lib/ has already let in.
 * openSession issues it and hands it straight to next-auth's server-side signIn, which runs Auth.js
 * in this process, within the same call: the ticket never leaves the process, so it is kept here in
 * memory rather than in the database (two round trips less per sign-in, nothing for instances to share).
 * It is still a secret: /api/auth/callback/credentials takes a ticket from anyone. So, like every
 * token: 256 random bits, kept only as its hash, single use, one minute; labelled with its method,
 * and several may be live at once (two browsers signing in at the same moment).
 */
export function issueLoginTicket(userId: string, now: Date, method: TicketMethod = 'password'): string {
  // Tickets of sign-ins that failed before Auth.js used them: dropped as new ones come.
  for (const [key, live] of liveTickets) if (live.expiresAt <= now.getTime()) liveTickets.delete(key);
  const token = `${method}.${generateToken()}`;
  liveTickets.set(hashToken(token), { userId, method, expiresAt: now.getTime() + LOGIN_TICKET_TTL_MS });
  return token;
}

/** Uses a ticket up; the active user it was issued for and how, or null when it is unknown, used or expired. */
export async function consumeLoginTicket(ticket: string, now: Date): Promise<{ user: User; method: TicketMethod } | null> {
  const method = tokenLabel(ticket, ticketMethods);
  if (!method) return null;
  const key = hashToken(ticket);
  const live = liveTickets.get(key);
  if (!live) return null;
  liveTickets.delete(key);
  if (live.method !== method || live.expiresAt <= now.getTime()) return null;
  // The account as it is now: one withdrawn since the ticket was issued opens nothing.
  const [user] = await (await getDb()).select().from(users).where(and(eq(users.id, live.userId), eq(users.status, 'active')));
  return user ? { user, method } : null;
}
