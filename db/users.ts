import 'server-only';
import { eq } from 'drizzle-orm';
import { isUuid } from '@/lib/validation/uuid';
import { getDb } from './index';
import { users, type Locale, type User } from './schema';

export async function findUserById(id: string): Promise<User | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user ?? null;
}

export async function updateUserLocale(id: string, locale: Locale): Promise<void> {
  const db = await getDb();
  await db.update(users).set({ locale }).where(eq(users.id, id));
}
