import 'server-only';
import type { Locale } from '@/db/schema';
import { updateUserLocale } from '@/db/users';
import { getCurrentUser } from '@/lib/auth/session';

/** Saves the locale to the signed-in person's account, so it follows them to other devices and into mail. */
export async function saveLocaleForCurrentUser(locale: Locale): Promise<void> {
  const user = await getCurrentUser();
  if (user) await updateUserLocale(user.id, locale);
}
