import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ProcessingTable } from '@/components/privacy/processing-table';
import { config } from '@/lib/config';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

// Prerendered per locale (proxy.ts, app/[locale]): rendered on its first request, then from Next's cache.
export const dynamic = 'force-static';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('legal.privacy');
  return { title: t('title') };
}

// /privacy: what is kept, for what and for how long, and what happens to unused accounts; every
// period and the inactivity policy are read from the configuration in force.
export default async function PrivacyPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const [t, tSessions, policy] = await Promise.all([getTranslations('legal.privacy'), getTranslations('sessions.privacy'), getTranslations('consent.policy')]);
  return (
    <article>
      <h1>{t('title')}</h1>
      <p>{t('intro', { appName: config.APP_NAME })}</p>
      <h2>{t('collectTitle')}</h2>
      <p>{t('collect')}</p>
      <ProcessingTable />
      <h2>{t('retentionTitle')}</h2>
      <ul>
        <li>{t('withdrawal', { days: config.WITHDRAWAL_GRACE_DAYS })}</li>
        <li>{t('unverified', { days: config.UNVERIFIED_TTL_DAYS })}</li>
        <li>{t('loginLog', { days: config.LOGIN_EVENT_RETENTION_DAYS })}</li>
        <li>{config.PASSWORD_MAX_AGE_DAYS > 0 ? t('passwordAge', { days: config.PASSWORD_MAX_AGE_DAYS }) : t('passwordAgeOff')}</li>
        <li>{t('mail', { days: config.MAIL_OUTBOX_RETENTION_DAYS })}</li>
      </ul>
      <h2>{policy('title')}</h2>
      <InactivityPolicy />
      <p>{policy('notLegalDuty')}</p>
      <h2>{policy('marketingTitle')}</h2>
      <p>{policy('marketing', { days: config.MARKETING_CONSENT_RECONFIRM_DAYS })}</p>
      {config.PRIVACY_USAGE_NOTICE ? <p>{policy('usageNotice')}</p> : null}
      <h2>{t('rightsTitle')}</h2>
      <p>{t('rights')}</p>
      <h2>{tSessions('exportTitle')}</h2>
      <p>
        {tSessions('export')} <Link prefetch={false} href="/account/export">{tSessions('exportLink')}</Link>
      </p>
    </article>
  );
}

async function InactivityPolicy() {
  const policy = await getTranslations('consent.policy');
  switch (config.INACTIVITY_POLICY) {
    case 'dormant':
      return (
        <ul>
          <li>{policy('dormant', { days: config.DORMANCY_DAYS, noticeDays: config.DORMANCY_NOTICE_DAYS })}</li>
          <li>{policy('dormantPurge', { days: config.DORMANT_PURGE_DAYS })}</li>
        </ul>
      );
    case 'delete':
      return <p>{policy('delete', { days: config.INACTIVITY_DELETE_DAYS, noticeDays: config.DORMANCY_NOTICE_DAYS })}</p>;
    case 'off':
      return <p>{policy('off')}</p>;
  }
}
