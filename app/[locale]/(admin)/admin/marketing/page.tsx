import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { marketingAudienceView } from '@/lib/admin/views';
import { requireAdmin } from '@/lib/auth/session';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('consent.admin');
  return { title: t('title') };
}

// GET /admin/marketing — how many people may be sent marketing per channel, and the CSV export.
export default async function MarketingAudiencePage({ params }: LocaleParams) {
  await setPageLocale(params);
  const admin = await requireAdmin();
  const t = await getTranslations('consent.admin');
  const counts = await marketingAudienceView(admin);
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <dl className="details">
        <dt>{t('email')}</dt>
        <dd>{counts.email}</dd>
        <dt>{t('sms')}</dt>
        <dd>{counts.sms}</dd>
      </dl>
      <p>
        {/* A plain link: the route streams a file, not a page. */}
        <a href="/admin/marketing/export" download>
          {t('export')}
        </a>
      </p>
    </section>
  );
}
