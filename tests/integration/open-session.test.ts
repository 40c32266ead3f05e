// openSession (lib/auth/open-session.ts) reads the account as it is at the moment of signing in:
// lib/ let the person in a moment before, and an account withdrawn or gone dormant since opens nothing.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { findAccountToOpen } from '@/lib/auth/open-session';
import { resetDatabase } from './fixtures/database';
import { insertUser } from './fixtures/users';

describe('the account a sign-in opens', () => {
  beforeEach(resetDatabase);

  it('is the active account, with what its token carries', async () => {
    const user = await insertUser({ role: 'admin', sessionVersion: 3, passwordExpired: true });
    expect(await findAccountToOpen(user.id)).toEqual({ id: user.id, name: user.name, email: user.email, role: 'admin', sessionVersion: 3, passwordExpired: true });
  });

  it('is none for an account withdrawn or dormant since, or unknown', async () => {
    const leaving = await insertUser();
    await (await getDb()).update(users).set({ status: 'withdrawn', withdrawnAt: new Date() }).where(eq(users.id, leaving.id));
    expect(await findAccountToOpen(leaving.id)).toBeNull();
    const dormant = await insertUser({ status: 'dormant', dormantAt: new Date() });
    expect(await findAccountToOpen(dormant.id)).toBeNull();
    expect(await findAccountToOpen(randomUUID())).toBeNull();
  });
});
