// Login tickets (lib/auth/login-ticket.ts): the one-time hand-over from lib/ to Auth.js within one
// sign-in call, kept in the process (hashed, single use, expiry) with the sign-in method as its label.
import { count, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { authTokens, users } from '@/db/schema';
import { consumeLoginTicket, issueLoginTicket } from '@/lib/auth/login-ticket';
import { resetDatabase } from './fixtures/database';
import { insertUser } from './fixtures/users';

describe('login tickets', () => {
  beforeEach(resetDatabase);

  it('open one session for the active user, with the method they were issued with', async () => {
    const user = await insertUser();
    const now = new Date();
    const ticket = issueLoginTicket(user.id, now, 'passkey');
    expect(ticket.startsWith('passkey.')).toBe(true);
    const consumed = await consumeLoginTicket(ticket, now);
    expect(consumed?.user.id).toBe(user.id);
    expect(consumed?.method).toBe('passkey');
    expect(await consumeLoginTicket(ticket, now)).toBeNull();
  });

  it('stay live beside each other: a second sign-in does not void the first', async () => {
    const user = await insertUser();
    const now = new Date();
    const first = issueLoginTicket(user.id, now);
    const second = issueLoginTicket(user.id, now);
    expect(first).not.toBe(second);
    expect((await consumeLoginTicket(first, now))?.user.id).toBe(user.id);
    expect((await consumeLoginTicket(second, now))?.user.id).toBe(user.id);
  });

  it('are refused once expired, for an account that is not active, with another label, or without a token shape', async () => {
    const user = await insertUser();
    const now = new Date();
    const ticket = issueLoginTicket(user.id, now);
    expect(await consumeLoginTicket(ticket, new Date(now.getTime() + 61_000))).toBeNull();
    // An expired ticket is used up by the try: it does not come back to life with a turned-back clock.
    expect(await consumeLoginTicket(ticket, now)).toBeNull();

    const relabelled = issueLoginTicket(user.id, now, 'password');
    expect(await consumeLoginTicket(relabelled.replace(/^password\./, 'passkey.'), now)).toBeNull();
    expect(await consumeLoginTicket('password.', now)).toBeNull();
    expect(await consumeLoginTicket(`${relabelled}' or 1=1`, now)).toBeNull();
    expect((await consumeLoginTicket(relabelled, now))?.method).toBe('password');

    const withdrawn = await insertUser({ status: 'withdrawn' });
    expect(await consumeLoginTicket(issueLoginTicket(withdrawn.id, now), now)).toBeNull();
    // Withdrawn between the ticket and its use: refused too.
    const leaving = issueLoginTicket(user.id, now);
    await (await getDb()).update(users).set({ status: 'withdrawn', withdrawnAt: now }).where(eq(users.id, user.id));
    expect(await consumeLoginTicket(leaving, now)).toBeNull();
  });

  it('leave nothing in the database: a sign-in writes no token row', async () => {
    const user = await insertUser();
    const now = new Date();
    await consumeLoginTicket(issueLoginTicket(user.id, now), now);
    issueLoginTicket(user.id, now);
    expect(await (await getDb()).select({ count: count() }).from(authTokens)).toEqual([{ count: 0 }]);
  });
});
