import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { runSweepNow } from '@/app/[locale]/(admin)/actions';
import { ActionForm } from '@/components/admin/action-form';
import { DataTable, nowrap } from '@/components/data-table';
import { sweepRunsView } from '@/lib/admin/views';
import { formatInZone } from '@/lib/admin/zoned-time';
import { requireAdmin } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('admin.sweeps');
  return { title: t('title') };
}

// GET /admin/sweeps — the last 50 retention sweep runs, and "Run sweep now".
export default async function SweepsPage({ params }: LocaleParams) {
  await setPageLocale(params);
  const admin = await requireAdmin();
  const t = await getTranslations('admin');
  const runs = await sweepRunsView(admin, 50);
  const timeZone = config.ADMIN_TIMEZONE;
  return (
    <section>
      <h1>{t('sweeps.title')}</h1>
      <ActionForm action={runSweepNow} submitLabel={t('sweeps.runNow')} />
      <p className="muted">{t('common.timesIn', { timeZone })}</p>
      <DataTable
        rows={runs}
        rowKey={(run) => run.id}
        empty={t('sweeps.empty')}
        columns={[
          { header: t('sweeps.started'), cell: (run) => formatInZone(run.startedAt, timeZone), className: nowrap },
          { header: t('sweeps.duration'), cell: (run) => (run.durationMs === null ? t('sweeps.running') : formatDuration(run.durationMs)) },
          { header: t('sweeps.status'), cell: (run) => run.status },
          { header: t('sweeps.trigger'), cell: (run) => run.trigger ?? '—' },
          {
            header: t('sweeps.counts'),
            cell: (run) =>
              Object.keys(run.counts).length ? (
                <dl className="details">
                  {Object.entries(run.counts).map(([step, count]) => (
                    <div key={step} style={{ display: 'contents' }}>
                      <dt>{step}</dt>
                      <dd>{count}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                '—'
              ),
          },
          { header: t('sweeps.error'), cell: (run) => run.error ?? '' },
        ]}
      />
    </section>
  );
}

function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}
