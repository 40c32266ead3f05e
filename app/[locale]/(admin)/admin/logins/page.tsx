import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AttemptsChart } from '@/components/admin/attempts-chart';
import { KeysetPager } from '@/components/admin/keyset-pager';
import { FilterForm } from '@/components/admin/filter-form';
import { Field } from '@/components/form/field';
import { SelectField } from '@/components/form/select-field';
import { DataTable, nowrap } from '@/components/data-table';
import { type SearchParams, filterQuery, parseLoginFilters } from '@/lib/admin/login-filters';
import { shortUserAgent } from '@/lib/admin/user-agent';
import { loginLogView } from '@/lib/admin/views';
import { formatInZone } from '@/lib/admin/zoned-time';
import { requireAdmin } from '@/lib/auth/session';
import { config } from '@/lib/config';
import type { ActionState } from '@/lib/forms/action-state';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

const PAGE_SIZE = 50;

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('admin.logins');
  return { title: t('title') };
}

// GET /admin/logins?email=&ip=&outcome=&from=&to=&before|after=&range=24h|7d — the login log.
export default async function LoginsPage({ params: segment, searchParams }: LocaleParams & { searchParams: Promise<SearchParams> }) {
  await setPageLocale(segment);
  const admin = await requireAdmin();
  const t = await getTranslations('admin');
  const timeZone = config.ADMIN_TIMEZONE;
  const params = await searchParams;
  const { form, filter, before, after, errors } = parseLoginFilters(params, timeZone);
  const range = params.range === '7d' ? '7d' : '24h';
  const now = new Date();
  const invalid = Object.keys(errors).length > 0;
  const { page, hours, top, reasons } = await loginLogView(admin, {
    filter: invalid ? null : filter,
    before,
    after,
    limit: PAGE_SIZE,
    chartHours: range === '7d' ? 168 : 24,
    timeZone,
    now,
    audited: { ...form, range },
  });

  const formState: ActionState = invalid
    ? {
        status: 'error',
        fieldErrors: Object.fromEntries(
          Object.entries(errors).map(([field, key]) => [field, [key === 'invalidOutcome' ? t('logins.invalidOutcome') : t(`common.${key}`)]]),
        ),
      }
    : { status: 'idle' };
  const keep = { ...form, range: range === '7d' ? '7d' : undefined };
  const totals = hours.reduce((sum, hour) => ({ ok: sum.ok + hour.successes, failed: sum.failed + hour.failures }), { ok: 0, failed: 0 });

  return (
    <section>
      <h1>{t('logins.title')}</h1>
      <p className="muted">{t('common.timesIn', { timeZone })}</p>

      <nav aria-label={t('logins.rangeLabel')} className="admin-toolbar">
        <Link href={`/admin/logins${filterQuery({ ...form })}`} aria-current={range === '24h' ? 'true' : undefined} prefetch={false}>
          {t('logins.range24h')}
        </Link>
        <Link href={`/admin/logins${filterQuery({ ...form, range: '7d' })}`} aria-current={range === '7d' ? 'true' : undefined} prefetch={false}>
          {t('logins.range7d')}
        </Link>
      </nav>
      <AttemptsChart
        hours={hours}
        timeZone={timeZone}
        title={range === '7d' ? t('logins.chartTitle7d') : t('logins.chartTitle24h')}
        description={t('logins.chartDescription', { successes: totals.ok, failures: totals.failed })}
        labels={{ successes: t('logins.successes'), failures: t('logins.failures'), hour: t('logins.hour'), showTable: t('logins.showTable') }}
      />

      <div className="admin-columns">
        <TopList
          title={t('logins.topIps')}
          rows={top.ips}
          empty={t('logins.noFailures')}
          href={(key) => `/admin/logins${filterQuery({ ip: key, outcome: 'failure' })}`}
          countLabel={(count) => t('logins.failuresCount', { count })}
        />
        <TopList
          title={t('logins.topEmails')}
          rows={top.emails}
          empty={t('logins.noFailures')}
          href={(key) => `/admin/logins${filterQuery({ email: key, outcome: 'failure' })}`}
          countLabel={(count) => t('logins.failuresCount', { count })}
        />
      </div>

      <h2>{t('logins.eventsTitle')}</h2>
      <FilterForm path="/admin/logins" labels={{ form: t('common.filters'), apply: t('common.apply'), clear: t('common.clear') }}>
        {range === '7d' ? <input type="hidden" name="range" value="7d" /> : null}
        <Field name="email" label={t('logins.email')} hint={t('logins.emailHint')} defaultValue={form.email} state={formState} />
        <Field name="ip" label={t('logins.ip')} defaultValue={form.ip} state={formState} />
        <SelectField
          name="outcome"
          label={t('logins.outcome')}
          defaultValue={form.outcome || 'any'}
          state={formState}
          options={[
            { value: 'any', label: t('common.any') },
            { value: 'success', label: t('logins.outcomeSuccess') },
            { value: 'failure', label: t('logins.outcomeFailure') },
            ...reasons.map((reason) => ({ value: `reason:${reason}`, label: t('logins.outcomeReason', { reason }) })),
          ]}
        />
        <Field name="from" label={t('common.from')} type="date" defaultValue={form.from} state={formState} />
        <Field name="to" label={t('common.to')} type="date" defaultValue={form.to} state={formState} />
      </FilterForm>

      <div className="admin-toolbar">
        <a href={`/admin/logins/export${filterQuery({ ...form })}`} className="button secondary" download>
          {t('logins.exportCsv')}
        </a>
      </div>

      <DataTable
        rows={page.rows}
        rowKey={(row) => row.id}
        empty={t('logins.empty')}
        columns={[
          { header: t('logins.time'), cell: (row) => formatInZone(row.createdAt, timeZone), className: nowrap },
          {
            header: t('logins.email'),
            cell: (row) =>
              row.userId ? (
                <Link href={`/admin/users/${row.userId}`} prefetch={false} title={t('logins.viewUser')}>
                  {row.email ?? row.userId}
                </Link>
              ) : (
                (row.email ?? '—')
              ),
          },
          { header: t('logins.ip'), cell: (row) => row.ip ?? '—' },
          { header: t('logins.userAgent'), cell: (row) => shortUserAgent(row.userAgent), title: (row) => row.userAgent ?? undefined },
          {
            header: t('logins.result'),
            cell: (row) => (row.success ? t('logins.success') : `${t('logins.failure')} · ${row.reason}`),
            className: (row) => (row.success ? undefined : 'outcome-failure'),
          },
          { header: t('logins.provider'), cell: (row) => row.provider },
        ]}
      />

      <KeysetPager path="/admin/logins" keep={keep} newer={page.newer} older={page.older} paged={Boolean(before || after)} />
    </section>
  );
}

function TopList(props: {
  title: string;
  rows: { key: string; failures: number }[];
  empty: string;
  href: (key: string) => string;
  countLabel: (count: number) => string;
}) {
  return (
    <div>
      <h2>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ol>
          {props.rows.map((row) => (
            <li key={row.key}>
              <Link href={props.href(row.key)} prefetch={false}>
                {row.key}
              </Link>{' '}
              <span className="muted">({props.countLabel(row.failures)})</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
