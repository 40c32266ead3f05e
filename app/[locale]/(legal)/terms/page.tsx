import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { config } from '@/lib/config';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('legal.terms');
  return { title: t('title') };
}

// /terms: the terms every person agrees to at sign-up.
export default async function TermsPage() {
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
