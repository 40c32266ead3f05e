import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';

export type ProfileChanges = { name: string; phone: string | null; timeZone: string | null };

/** Saves the name, the phone number (already normalised to E.164, or null) and the time zone (IANA name, or null for ADMIN_TIMEZONE). */
export async function updateProfile(userId: string, changes: ProfileChanges): Promise<{ status: 'updated' } | { status: 'not-found' }> {
  const db = await getDb();
  const updated = await db
    .update(users)
    .set({ name: changes.name, phone: changes.phone, timeZone: changes.timeZone })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return updated.length ? { status: 'updated' } : { status: 'not-found' };
}
