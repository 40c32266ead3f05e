import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { Locale } from '@/db/schema';
import { type ClientArea, pickClientMessages } from '@/lib/i18n/client-messages';

/** A route group's client messages (lib/i18n/client-messages.ts) for the pages below it, in the page's locale when given. */
export async function AreaMessages({ area, locale, children }: { area: ClientArea; locale?: Locale; children: React.ReactNode }) {
  const messages = await getMessages(locale ? { locale } : undefined);
  return (
    <NextIntlClientProvider locale={locale} messages={pickClientMessages(messages, area)}>
      {children}
    </NextIntlClientProvider>
  );
}
