import 'server-only';
import type { Locale } from '@/db/schema';
import { getCurrentUser } from '@/lib/auth/session';

/** The signed-in person's saved locale (users.locale), or null. */
export async function getSavedLocale(): Promise<Locale | null> {
  const user = await getCurrentUser().catch(() => null);
  return user?.locale ?? null;
}
