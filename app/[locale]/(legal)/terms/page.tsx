import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { config } from '@/lib/config';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

// Prerendered per locale (proxy.ts, app/[locale]): rendered on its first request, then from Next's cache.
export const dynamic = 'force-static';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('legal.terms');
  return { title: t('title') };
}

// /terms: the terms every person agrees to at sign-up.
export default async function TermsPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const t = await getTranslations('legal.terms');
  return (
    <article>
      <h1>{t('title')}</h1>
      <p>{t('updated', { appName: config.APP_NAME })}</p>
      <h2>{t('accountTitle')}</h2>
      <p>{t('account')}</p>
      <h2>{t('useTitle')}</h2>
      <p>{t('use')}</p>
      <h2>{t('endTitle')}</h2>
      <p>{t('end')}</p>
      <h2>{t('changesTitle')}</h2>
      <p>{t('changes')}</p>
    </article>
  );
}
