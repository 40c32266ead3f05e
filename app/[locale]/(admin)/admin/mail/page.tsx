import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { retryAllFailedMail, retryMail } from '@/app/[locale]/(admin)/actions';
import { ActionForm } from '@/components/admin/action-form';
import { DataTable, nowrap } from '@/components/data-table';
import { mailStatuses } from '@/db/schema';
import { mailQueueView, type FailedMailRow } from '@/lib/admin/views';
import { formatInZone } from '@/lib/admin/zoned-time';
import { requireAdmin } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('admin.mail');
  return { title: t('title') };
}

// GET /admin/mail — outbox counts by status and the newest 100 failed rows, mail and then SMS
// (one outbox, one delivery loop), each with Retry; Retry all failed re-queues both.
export default async function MailPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const admin = await requireAdmin();
  const [t, tSms] = await Promise.all([getTranslations('admin'), getTranslations('adminSms')]);
  const { counts, failed, sms } = await mailQueueView(admin, 100);
  return (
    <section>
      <h1>{t('mail.title')}</h1>
      <ActionForm action={retryAllFailedMail} submitLabel={t('mail.retryAll')} disabled={failed.length + sms.failed.length === 0} />
      <OutboxSection
        labels={{ byStatus: t('mail.byStatus'), failedTitle: t('mail.failedTitle'), empty: t('mail.empty'), to: t('mail.to') }}
        counts={counts}
        failed={failed}
      />
      <h2>{tSms('title')}</h2>
      <OutboxSection
        labels={{ byStatus: t('mail.byStatus'), failedTitle: tSms('failedTitle'), empty: tSms('empty'), to: tSms('number') }}
        counts={sms.counts}
        failed={sms.failed}
      />
    </section>
  );
}

type SectionLabels = { byStatus: string; failedTitle: string; empty: string; to: string };

async function OutboxSection({ labels, counts, failed }: { labels: SectionLabels; counts: Record<string, number>; failed: FailedMailRow[] }) {
  const t = await getTranslations('admin');
  const timeZone = config.ADMIN_TIMEZONE;
  return (
    <>
      <h3>{labels.byStatus}</h3>
      <DataTable
        rows={[...mailStatuses]}
        rowKey={(status) => status}
        empty=""
        label={labels.byStatus}
        style={{ maxWidth: '24rem' }}
        columns={[
          { header: t('mail.status'), cell: (status) => status, rowHeader: true },
          { header: t('mail.count'), cell: (status) => counts[status] ?? 0 },
        ]}
      />

      <h3>{labels.failedTitle}</h3>
      <DataTable
        rows={failed}
        rowKey={(row) => row.id}
        empty={labels.empty}
        label={labels.failedTitle}
        columns={[
          { header: t('mail.created'), cell: (row) => formatInZone(row.createdAt, timeZone), className: nowrap },
          { header: labels.to, cell: (row) => row.toAddress },
          { header: t('mail.template'), cell: (row) => row.template },
          { header: t('mail.attempts'), cell: (row) => row.attempts },
          { header: t('mail.lastError'), cell: (row) => row.lastError ?? '—' },
          { header: t('mail.action'), cell: (row) => <ActionForm action={retryMail} fields={{ id: row.id }} submitLabel={t('mail.retry')} /> },
        ]}
      />
    </>
  );
}
