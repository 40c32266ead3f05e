import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { dashboardView } from '@/lib/admin/views';
import { requireAdmin } from '@/lib/auth/session';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('admin.dashboard');
  return { title: t('title') };
}

export default async function AdminDashboardPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const admin = await requireAdmin();
  const t = await getTranslations('admin');
  const { mail, failures, sms } = await dashboardView(admin);
  const tSms = await getTranslations('adminSms');
  const sections = [
    ['/admin/logins', 'logins', t('dashboard.failuresToday', { count: failures })],
    ['/admin/users', 'users', null],
    ['/admin/sweeps', 'sweeps', null],
    ['/admin/mail', 'mail', t('dashboard.failedMail', { count: mail.failed ?? 0 })],
    ['/admin/audit', 'audit', null],
  ] as const;
  return (
    <section>
      <h1>{t('dashboard.title')}</h1>
      <p className="muted">{t('dashboard.intro')}</p>
      <ul className="admin-columns" style={{ listStyle: 'none', padding: 0 }}>
        {sections.map(([href, key, note]) => (
          <li key={href} className="notice">
            <h2 style={{ marginTop: 0 }}>
              <Link href={href} prefetch={false}>
                {t(`nav.${key}`)}
              </Link>
            </h2>
            <p>{t(`dashboard.${key}`)}</p>
            {note ? <p className="muted">{note}</p> : null}
          </li>
        ))}
      </ul>
      <h2>{tSms('dailyTitle')}</h2>
      <p>{tSms('daily', { count: sms.today, cap: sms.cap })}</p>
      {sms.today >= sms.cap ? (
        <p role="alert" className="notice error">
          {tSms('capReached')}
        </p>
      ) : null}
    </section>
  );
}
