import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages, getTranslations } from 'next-intl/server';
import type { Locale } from '@/db/schema';
import { config } from '@/lib/config';
import { pickClientMessages } from '@/lib/i18n/client-messages';
import { SiteFooter } from './site-footer';

/**
 * The document around every page: <html lang>, the skip link, footer, and the client
 * messages every area needs (route groups add their own, components/i18n/area-messages.tsx). Used
 * by app/[locale]/layout.tsx, app/dev/layout.tsx and the root not-found; it reads no request, so
 * a page inside it can be prerendered. The header and <main> come from the page's area
 * (components/page-frame.tsx): public ones leave who is signed in to the browser, signed-in ones say it.
 */
export async function PageShell({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  const [t, messages] = await Promise.all([getTranslations({ locale, namespace: 'common' }), getMessages({ locale })]);
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#content">
          {t('skipToContent')}
        </a>
        <NextIntlClientProvider locale={locale} messages={pickClientMessages(messages)}>
          {children}
          <SiteFooter locale={locale} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

/** The title template and description of every page, for the layouts that draw PageShell. */
export async function shellMetadata(locale: Locale): Promise<Metadata> {
  const t = await getTranslations({ locale, namespace: 'home' });
  return { title: { default: config.APP_NAME, template: `%s · ${config.APP_NAME}` }, description: t('tagline') };
}
