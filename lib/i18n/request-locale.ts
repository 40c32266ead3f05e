import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import type { Locale } from '@/db/schema';
import { config } from '@/lib/config';
import { LOCALE_COOKIE, pickLocale } from './locale';
import { getSavedLocale } from './saved-preferences';

/** The locale of the current request (once per request). */
export const getRequestLocale = cache(async (): Promise<Locale> => {
  const [cookieStore, headerList, saved] = await Promise.all([cookies(), headers(), getSavedLocale()]);
  return pickLocale({
    saved,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get('accept-language'),
    fallback: config.DEFAULT_LOCALE,
  });
});
