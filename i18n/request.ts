import { getRequestConfig } from 'next-intl/server';
import { config } from '@/lib/config';
import { getRequestLocale } from '@/lib/i18n/request-locale';

// No locale in the URL: links in mail and bookmarks hold in both languages.
export default getRequestConfig(async () => {
  const locale = await getRequestLocale();
  return {
    locale,
    messages: (await import(`../messages/${locale}.json`)).default,
    timeZone: config.ADMIN_TIMEZONE,
  };
});
