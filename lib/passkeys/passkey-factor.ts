import 'server-only';
import { count, eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { passkeys } from '@/db/schema';

/** How many passkeys the person has (two-step is on with one; the admin user page shows the number). */
export async function countPasskeys(q: Queryable, userId: string): Promise<number> {
  const [row] = await q.select({ total: count() }).from(passkeys).where(eq(passkeys.userId, userId));
  return row?.total ?? 0;
}

/** Removes every passkey of the person (an admin's Reset two-step, in its transaction). */
export async function deletePasskeys(q: Queryable, userId: string): Promise<void> {
  await q.delete(passkeys).where(eq(passkeys.userId, userId));
}
