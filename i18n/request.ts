import { getRequestConfig } from 'next-intl/server';
import { getRequestLocale } from '@/lib/i18n/request-locale';
import { getRequestTimeZone } from '@/lib/i18n/saved-preferences';

// No locale in the URL: links in mail and bookmarks hold in both languages.
export default getRequestConfig(async () => {
  const [locale, timeZone] = await Promise.all([getRequestLocale(), getRequestTimeZone()]);
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    timeZone,
  };
});
