import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { userSearchView } from '@/lib/admin/views';
import { formatInZone } from '@/lib/admin/zoned-time';
import { requireAdmin } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { firstSearchParam } from '@/lib/http/search-param';
import { DataTable, nowrap } from '@/components/data-table';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

const PAGE_SIZE = 50;

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('admin.users');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;
const param = (value: string | string[] | undefined) => firstSearchParam(value, 254);

// GET /admin/users?q=<email prefix>&after=<email> — accounts by address.
export default async function UsersPage({ params: segment, searchParams }: LocaleParams & { searchParams: Promise<SearchParams> }) {
  await setPageLocale(segment);
  const admin = await requireAdmin();
  const t = await getTranslations('admin');
  const params = await searchParams;
  const query = param(params.q).toLowerCase().replace(/\*$/, '');
  const after = param(params.after) || undefined;
  const { rows, next } = await userSearchView(admin, { prefix: query, after, limit: PAGE_SIZE });
  const timeZone = config.ADMIN_TIMEZONE;

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <form method="get" action="/admin/users" className="admin-filters" role="search">
        <div className="field">
          <label htmlFor="users-q">{t('users.search')}</label>
          <span id="users-q-hint" className="muted">
            {t('users.searchHint')}
          </span>
          <input id="users-q" name="q" type="search" defaultValue={query} aria-describedby="users-q-hint" />
        </div>
        <button type="submit">{t('users.searchButton')}</button>
      </form>
      <p className="muted">{t('common.timesIn', { timeZone })}</p>
      <DataTable
        rows={rows}
        rowKey={(row) => row.id}
        empty={t('users.empty')}
        columns={[
          {
            header: t('users.email'),
            cell: (row) => (
              <Link href={`/admin/users/${row.id}`} prefetch={false}>
                {row.email}
              </Link>
            ),
          },
          { header: t('users.status'), cell: (row) => t(`users.statuses.${row.status}`) },
          { header: t('users.verified'), cell: (row) => (row.verified ? t('common.yes') : t('common.no')) },
          { header: t('users.lastLogin'), cell: (row) => (row.lastLoginAt ? formatInZone(row.lastLoginAt, timeZone) : t('common.never')), className: nowrap },
          { header: t('users.role'), cell: (row) => t(`users.roles.${row.role}`) },
          {
            header: t('users.lock'),
            cell: (row) => (row.locked && row.lockedUntil ? t('users.locked', { until: formatInZone(row.lockedUntil, timeZone) }) : t('users.notLocked')),
          },
        ]}
      />
      {next ? (
        <p>
          <Link href={`/admin/users?${new URLSearchParams({ ...(query ? { q: query } : {}), after: next })}`} prefetch={false} rel="next">
            {t('users.next')}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
