import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { config } from '@/lib/config';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('legal.privacy');
  return { title: t('title') };
}

// /privacy: what is kept and for how long; every period is read from the configuration in force.
export default async function PrivacyPage() {
  const [t, tSessions] = await Promise.all([getTranslations('legal.privacy'), getTranslations('sessions.privacy')]);
  return (
    <article>
      <h1>{t('title')}</h1>
      <p>{t('intro', { appName: config.APP_NAME })}</p>
      <h2>{t('collectTitle')}</h2>
      <p>{t('collect')}</p>
      <h2>{t('retentionTitle')}</h2>
      <ul>
        <li>{t('dormancy', { days: config.DORMANCY_DAYS, noticeDays: config.DORMANCY_NOTICE_DAYS })}</li>
        <li>{t('dormantPurge', { days: config.DORMANT_PURGE_DAYS })}</li>
        <li>{t('withdrawal', { days: config.WITHDRAWAL_GRACE_DAYS })}</li>
        <li>{t('unverified', { days: config.UNVERIFIED_TTL_DAYS })}</li>
        <li>{t('loginLog', { days: config.LOGIN_EVENT_RETENTION_DAYS })}</li>
        <li>{config.PASSWORD_MAX_AGE_DAYS > 0 ? t('passwordAge', { days: config.PASSWORD_MAX_AGE_DAYS }) : t('passwordAgeOff')}</li>
        <li>{t('mail', { days: config.MAIL_OUTBOX_RETENTION_DAYS })}</li>
      </ul>
      <h2>{t('rightsTitle')}</h2>
      <p>{t('rights')}</p>
      <h2>{tSessions('exportTitle')}</h2>
      <p>
        {tSessions('export')} <Link href="/account/export">{tSessions('exportLink')}</Link>
      </p>
    </article>
  );
}
