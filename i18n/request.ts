import { getRequestConfig } from 'next-intl/server';
import { isLocale } from '@/lib/i18n/locale';
import { getRequestLocale } from '@/lib/i18n/request-locale';
import { getRequestTimeZone } from '@/lib/i18n/saved-preferences';

// No locale in the public URL: links in mail and bookmarks hold in both languages. proxy.ts
// rewrites each page request to app/[locale]/…, whose layouts and pages tell next-intl the segment
// (setPageLocale), and sets next-intl's locale header for server actions; anything else (app/dev,
// the root not-found, route handlers) reads the request as proxy.ts does.
export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const [locale, timeZone] = await Promise.all([isLocale(requested) ? requested : getRequestLocale(), getRequestTimeZone()]);
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    timeZone,
  };
});
