import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** A record an admin page looks up by id (a user) that does not exist; the admin nav stays above. */
export default async function AdminNotFound() {
  const t = await getTranslations('errors');
  return (
    <section>
      <h1>{t('adminNotFoundTitle')}</h1>
      <p>{t('adminNotFoundBody')}</p>
      <Link prefetch={false} href="/admin">{t('backToAdmin')}</Link>
    </section>
  );
}
