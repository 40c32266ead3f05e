import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { config } from '@/lib/config';

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, params] = await Promise.all([getTranslations('home'), searchParams]);
  return (
    <section>
      {params.withdrawn ? (
        <div role="status" className="notice success">
          {t('withdrawn', { days: config.WITHDRAWAL_GRACE_DAYS })}
        </div>
      ) : null}
      <h1>{t('title', { appName: config.APP_NAME })}</h1>
      <p className="lead">{t('tagline')}</p>
      <p>{t('body')}</p>
      <p style={{ display: 'flex', gap: '1rem' }}>
        <Link prefetch={false} className="button" href="/signup">
          {t('getStarted')}
        </Link>
        <Link prefetch={false} className="button secondary" href="/login">
          {t('haveAccount')}
        </Link>
      </p>
    </section>
  );
}
