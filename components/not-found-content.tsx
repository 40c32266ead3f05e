import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** "Page not found" with a way home, for the not-found pages inside and outside app/[locale]. */
export async function NotFoundContent() {
  const t = await getTranslations('common');
  return (
    <section>
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <Link prefetch={false} href="/">{t('backHome')}</Link>
    </section>
  );
}
