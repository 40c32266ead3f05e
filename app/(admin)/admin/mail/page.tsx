import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { retryAllFailedMailAction, retryMailAction } from '@/app/(admin)/actions';
import { ActionForm } from '@/components/admin/action-form';
import { mailStatuses } from '@/db/schema';
import { mailQueueView } from '@/lib/admin/views';
import { formatInZone } from '@/lib/admin/zoned-time';
import { requireAdmin } from '@/lib/auth/session';
import { config } from '@/lib/config';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.mail');
  return { title: t('title') };
}

// GET /admin/mail — outbox counts by status and the newest 100 failed mails, with Retry.
export default async function MailPage() {
  const admin = await requireAdmin();
  const t = await getTranslations('admin');
  const { counts, failed } = await mailQueueView(admin, 100);
  const timeZone = config.ADMIN_TIMEZONE;
  return (
    <section>
      <h1>{t('mail.title')}</h1>
      <h2>{t('mail.byStatus')}</h2>
      <table style={{ maxWidth: '24rem' }}>
        <thead>
          <tr>
            <th scope="col">{t('mail.status')}</th>
            <th scope="col">{t('mail.count')}</th>
          </tr>
        </thead>
        <tbody>
          {mailStatuses.map((status) => (
            <tr key={status}>
              <th scope="row">{status}</th>
              <td>{counts[status] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('mail.failedTitle')}</h2>
      <ActionForm action={retryAllFailedMailAction} submitLabel={t('mail.retryAll')} disabled={failed.length === 0} />
      {failed.length === 0 ? (
        <p>{t('mail.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('mail.created')}</th>
              <th scope="col">{t('mail.to')}</th>
              <th scope="col">{t('mail.template')}</th>
              <th scope="col">{t('mail.attempts')}</th>
              <th scope="col">{t('mail.lastError')}</th>
              <th scope="col">{t('mail.action')}</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((mail) => (
              <tr key={mail.id}>
                <td className="nowrap">{formatInZone(mail.createdAt, timeZone)}</td>
                <td>{mail.toAddress}</td>
                <td>{mail.template}</td>
                <td>{mail.attempts}</td>
                <td>{mail.lastError ?? '—'}</td>
                <td>
                  <ActionForm action={retryMailAction} fields={{ id: mail.id }} submitLabel={t('mail.retry')} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
