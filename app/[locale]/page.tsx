import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PublicFrame } from '@/components/page-frame';
import { QueryNotice } from '@/components/query-notice';
import { config } from '@/lib/config';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

// Prerendered per locale; ?withdrawn=1 (after a withdrawal) is read in the browser.
export const dynamic = 'force-static';

export default async function HomePage({ params }: LocaleParams) {
  await setPageLocale(params);
  const t = await getTranslations('home');
  return (
    <PublicFrame>
      <section>
        <QueryNotice rules={[{ param: 'withdrawn', message: t('withdrawn', { days: config.WITHDRAWAL_GRACE_DAYS }) }]} />
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
    </PublicFrame>
  );
}
