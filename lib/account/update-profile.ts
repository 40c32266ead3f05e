import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';

export type ProfileChanges = { name: string; timeZone: string | null };

/** Saves the name and the time zone (IANA name, or null for ADMIN_TIMEZONE); the phone number has its own page. */
export async function updateProfile(userId: string, changes: ProfileChanges): Promise<{ status: 'updated' } | { status: 'not-found' }> {
  const db = await getDb();
  const updated = await db
    .update(users)
    .set({ name: changes.name, timeZone: changes.timeZone })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return updated.length ? { status: 'updated' } : { status: 'not-found' };
}
