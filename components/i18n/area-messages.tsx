import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { type ClientArea, pickClientMessages } from '@/lib/i18n/client-messages';

/** A route group's client messages (lib/i18n/client-messages.ts) for the pages below it. */
export async function AreaMessages({ area, children }: { area: ClientArea; children: React.ReactNode }) {
  return <NextIntlClientProvider messages={pickClientMessages(await getMessages(), area)}>{children}</NextIntlClientProvider>;
}
