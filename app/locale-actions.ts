'use server';

import { cookies } from 'next/headers';
import { z } from 'zod';
import { cookieOptions } from '@/lib/http/cookie-options';
import { LOCALE_COOKIE, supportedLocales } from '@/lib/i18n/locale';
import { saveLocaleForCurrentUser } from '@/lib/i18n/save-locale';

const changeLocaleSchema = z.object({ locale: z.enum(supportedLocales) });

/** The footer's language switcher: a cookie for everyone, and users.locale when signed in. */
export async function changeLocale(formData: FormData): Promise<void> {
  const parsed = changeLocaleSchema.safeParse({ locale: formData.get('locale') });
  if (!parsed.success) return;
  const cookieStore = await cookies();
  cookieStore.set(LOCALE_COOKIE, parsed.data.locale, cookieOptions('/', 60 * 60 * 24 * 365));
  await saveLocaleForCurrentUser(parsed.data.locale);
}
