import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { Locale } from '@/db/schema';
import { type ClientArea, pickClientMessages } from '@/lib/i18n/client-messages';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

/** An area's client messages (lib/i18n/client-messages.ts) for what it wraps, in the page's locale when given. */
export async function AreaMessages({ area, locale, children }: { area: ClientArea; locale?: Locale; children: React.ReactNode }) {
  const messages = await getMessages(locale ? { locale } : undefined);
  return (
    <NextIntlClientProvider locale={locale} messages={pickClientMessages(messages, area)}>
      {children}
    </NextIntlClientProvider>
  );
}

/**
 * A page whose client components translate with `area`'s messages: whatever the page renders, on
 * every path through it, is inside the provider (`export default withAreaMessages('account', AccountPage)`).
 */
export function withAreaMessages<Props extends LocaleParams>(area: ClientArea, Page: (props: Props) => Promise<React.ReactNode>) {
  async function PageWithAreaMessages(props: Props) {
    const locale = await setPageLocale(props.params);
    return (
      <AreaMessages area={area} locale={locale}>
        <Page {...props} />
      </AreaMessages>
    );
  }
  return PageWithAreaMessages;
}
