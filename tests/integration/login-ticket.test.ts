// Login tickets (lib/auth/login-ticket.ts): the one-time hand-over from lib/ to Auth.js, built on
// the auth-token rules (hashed, single use, expiry) with the sign-in method as the ticket's label.
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { consumeLoginTicket, issueLoginTicket } from '@/lib/auth/login-ticket';
import { resetDatabase } from './fixtures/database';
import { insertUser } from './fixtures/users';

describe('login tickets', () => {
  beforeEach(resetDatabase);

  it('open one session for the active user, with the method they were issued with', async () => {
    const user = await insertUser();
    const now = new Date();
    const ticket = await issueLoginTicket(await getDb(), user.id, now, 'passkey');
    expect(ticket.startsWith('passkey.')).toBe(true);
    const consumed = await consumeLoginTicket(ticket, now);
    expect(consumed?.user.id).toBe(user.id);
    expect(consumed?.method).toBe('passkey');
    expect(await consumeLoginTicket(ticket, now)).toBeNull();
  });

  it('stay live beside each other: a second sign-in does not void the first', async () => {
    const user = await insertUser();
    const now = new Date();
    const first = await issueLoginTicket(await getDb(), user.id, now);
    const second = await issueLoginTicket(await getDb(), user.id, now);
    expect((await consumeLoginTicket(first, now))?.user.id).toBe(user.id);
    expect((await consumeLoginTicket(second, now))?.user.id).toBe(user.id);
  });

  it('are refused once expired, for an account that is not active, with another label, or without a token shape', async () => {
    const user = await insertUser();
    const now = new Date();
    const ticket = await issueLoginTicket(await getDb(), user.id, now);
    expect(await consumeLoginTicket(ticket, new Date(now.getTime() + 61_000))).toBeNull();

    const relabelled = await issueLoginTicket(await getDb(), user.id, now, 'password');
    expect(await consumeLoginTicket(relabelled.replace(/^password\./, 'passkey.'), now)).toBeNull();
    expect(await consumeLoginTicket('password.', now)).toBeNull();
    expect(await consumeLoginTicket(`${relabelled}' or 1=1`, now)).toBeNull();
    expect((await consumeLoginTicket(relabelled, now))?.method).toBe('password');

    const withdrawn = await insertUser({ status: 'withdrawn' });
    expect(await consumeLoginTicket(await issueLoginTicket(await getDb(), withdrawn.id, now), now)).toBeNull();
  });
});
