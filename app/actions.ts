'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { signOut } from '@/auth';
import { cookieOptions } from '@/lib/http/cookie-options';
import { SIGNED_IN_HINT_COOKIE } from '@/lib/auth/signed-in-hint';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE, supportedLocales } from '@/lib/i18n/locale';
import { saveLocaleForCurrentUser } from '@/lib/i18n/save-locale';

// The actions of the root layout (header and footer), on every page whatever the group.

const changeLocaleSchema = z.object({ locale: z.enum(supportedLocales) });

/** The footer's language switcher: a cookie for everyone, and users.locale when signed in. */
export async function changeLocale(formData: FormData): Promise<void> {
  const parsed = changeLocaleSchema.safeParse({ locale: formData.get('locale') });
  if (!parsed.success) return;
  const cookieStore = await cookies();
  cookieStore.set(LOCALE_COOKIE, parsed.data.locale, cookieOptions('/', LOCALE_COOKIE_MAX_AGE));
  await saveLocaleForCurrentUser(parsed.data.locale);
}

/** The header's Log out button: ends this session and goes home. */
export async function logOut(): Promise<void> {
  (await cookies()).delete(SIGNED_IN_HINT_COOKIE);
  await signOut({ redirectTo: '/' });
}
