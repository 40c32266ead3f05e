import type { Locale } from '@/db/schema';
import { config } from '@/lib/config';
import { LOCALE_COOKIE, pickLocale } from './locale';

/**
 * The locale a request is served in: the locale cookie (set by the language switcher, and from the
 * account's saved language at sign-in), else Accept-Language, else DEFAULT_LOCALE. proxy.ts rewrites
 * page requests to it; code outside app/[locale] asks through getRequestLocale.
 */
export function localeOfRequest(request: { cookies: { get(name: string): { value: string } | undefined }; headers: Headers }): Locale {
  return pickLocale({
    cookie: request.cookies.get(LOCALE_COOKIE)?.value,
    acceptLanguage: request.headers.get('accept-language'),
    fallback: config.DEFAULT_LOCALE,
  });
}
