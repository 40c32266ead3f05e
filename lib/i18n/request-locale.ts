import 'server-only';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import type { Locale } from '@/db/schema';
import { localeOfRequest } from './locale-of-request';

/** The locale of the current request (once per request), by the rule proxy.ts routes pages with. */
export const getRequestLocale = cache(async (): Promise<Locale> => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  return localeOfRequest({ cookies: cookieStore, headers: headerList });
});
