// /account/time-zone: the zone dates and times are written in, on these pages and in our emails.
// Its own page because the list is about 400 zones: on /account it was half of the HTML people
// download on every visit (BENCHMARKS.md, issue 18).
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { timeZoneNames } from '@/lib/i18n/time-zone';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';
import { TimeZoneForm } from './time-zone-form';
import { withAreaMessages } from '@/components/i18n/area-messages';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('account.timeZone');
  return { title: t('title') };
}

async function TimeZonePage({ params }: LocaleParams) {
  await setPageLocale(params);
  const user = await requireUser('/account/time-zone');
  const t = await getTranslations('account.timeZone');
  return (
    <section>
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      <TimeZoneForm timeZone={user.timeZone ?? ''} defaultTimeZoneLabel={t('default', { zone: config.ADMIN_TIMEZONE })} timeZones={timeZoneNames()} />
      <p>
        <Link prefetch={false} href="/account">{t('back')}</Link>
      </p>
    </section>
  );
}

export default withAreaMessages('account/time-zone', TimeZonePage);
