import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { KeysetPager } from '@/components/admin/keyset-pager';
import { FilterForm } from '@/components/admin/filter-form';
import { Field } from '@/components/form/field';
import { SelectField } from '@/components/form/select-field';
import { DataTable, nowrap } from '@/components/data-table';
import { decodeCursor } from '@/lib/admin/keyset-cursor';
import { type AdminAuditFilter, auditLogView } from '@/lib/admin/views';
import { formatInZone, parseDayRange } from '@/lib/admin/zoned-time';
import { requireAdmin } from '@/lib/auth/session';
import { config } from '@/lib/config';
import type { ActionState } from '@/lib/forms/action-state';
import { firstSearchParam } from '@/lib/http/search-param';
import { isUuid } from '@/lib/validation/uuid';
import { type LocaleParams, setPageLocale } from '@/lib/i18n/page-locale';

const PAGE_SIZE = 50;

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  await setPageLocale(params);
  const t = await getTranslations('admin.audit');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;
const param = (value: string | string[] | undefined) => firstSearchParam(value, 254);

// GET /admin/audit?admin=&action=&from=&to=&before|after= — what admins looked at and did.
export default async function AuditPage({ params: segment, searchParams }: LocaleParams & { searchParams: Promise<SearchParams> }) {
  await setPageLocale(segment);
  const admin = await requireAdmin();
  const t = await getTranslations('admin');
  const timeZone = config.ADMIN_TIMEZONE;
  const params = await searchParams;
  const form = { admin: param(params.admin).toLowerCase(), action: param(params.action), from: param(params.from), to: param(params.to) };
  const range = parseDayRange(form, timeZone);
  const filter: AdminAuditFilter = { adminEmail: form.admin || undefined, action: form.action || undefined, from: range.from, to: range.to };
  const fieldErrors = Object.fromEntries(Object.entries(range.errors).map(([field, key]) => [field, [t(`common.${key}`)]]));
  const invalid = Object.keys(fieldErrors).length > 0;
  const before = decodeCursor(params.before);
  const after = decodeCursor(params.after);
  const { page, actions } = await auditLogView(admin, { filter: invalid ? null : filter, before, after, limit: PAGE_SIZE, audited: form });
  const state: ActionState = invalid ? { status: 'error', fieldErrors } : { status: 'idle' };

  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <p className="muted">
        {t('common.timesIn', { timeZone })} {t('audit.retention', { days: config.ADMIN_AUDIT_RETENTION_DAYS })}
      </p>
      <FilterForm path="/admin/audit" labels={{ form: t('common.filters'), apply: t('common.apply'), clear: t('common.clear') }}>
        <Field name="admin" label={t('audit.admin')} type="email" defaultValue={form.admin} state={state} />
        <SelectField
          name="action"
          label={t('audit.action')}
          defaultValue={form.action}
          state={state}
          options={[{ value: '', label: t('audit.anyAction') }, ...actions.map((action) => ({ value: action, label: action }))]}
        />
        <Field name="from" label={t('common.from')} type="date" defaultValue={form.from} state={state} />
        <Field name="to" label={t('common.to')} type="date" defaultValue={form.to} state={state} />
      </FilterForm>
      <DataTable
        rows={page.rows}
        rowKey={(row) => row.id}
        empty={t('audit.empty')}
        columns={[
          { header: t('audit.time'), cell: (row) => formatInZone(row.createdAt, timeZone), className: nowrap },
          { header: t('audit.admin'), cell: (row) => row.adminEmail ?? '—' },
          { header: t('audit.action'), cell: (row) => row.action },
          {
            header: t('audit.target'),
            cell: (row) =>
              row.target && isUuid(row.target) && row.action.startsWith('user.') ? (
                <Link href={`/admin/users/${row.target}`} prefetch={false}>
                  {row.target}
                </Link>
              ) : (
                (row.target ?? '—')
              ),
          },
          { header: t('audit.details'), cell: (row) => <code>{row.details ? JSON.stringify(row.details) : ''}</code> },
          { header: t('audit.ip'), cell: (row) => row.ip ?? '—' },
        ]}
      />
      <KeysetPager path="/admin/audit" keep={form} newer={page.newer} older={page.older} paged={Boolean(before || after)} />
    </section>
  );
}
