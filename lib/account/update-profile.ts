import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';

type Saved = { status: 'updated' } | { status: 'not-found' };

/** Saves the name; the phone number and the time zone have their own pages. */
export async function updateProfile(userId: string, changes: { name: string }): Promise<Saved> {
  return updateUserColumns(userId, { name: changes.name });
}

/** Saves the time zone: an IANA name, or null for the service's own (ADMIN_TIMEZONE). */
export async function updateTimeZone(userId: string, timeZone: string | null): Promise<Saved> {
  return updateUserColumns(userId, { timeZone });
}

async function updateUserColumns(userId: string, columns: { name?: string; timeZone?: string | null }): Promise<Saved> {
  const db = await getDb();
  const updated = await db.update(users).set(columns).where(eq(users.id, userId)).returning({ id: users.id });
  return updated.length ? { status: 'updated' } : { status: 'not-found' };
}
