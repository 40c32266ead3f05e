import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { KeysetPager } from '@/components/admin/keyset-pager';
import { Field } from '@/components/form/field';
import { decodeCursor } from '@/lib/admin/keyset-cursor';
import { type AdminAuditFilter, auditLogView } from '@/lib/admin/views';
import { formatInZone, parseDayRange } from '@/lib/admin/zoned-time';
import { requireAdmin } from '@/lib/auth/session';
import { config } from '@/lib/config';
import type { ActionState } from '@/lib/forms/action-state';
import { firstSearchParam } from '@/lib/http/search-param';
import { isUuid } from '@/lib/validation/uuid';

const PAGE_SIZE = 50;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('admin.audit');
  return { title: t('title') };
}

type SearchParams = Record<string, string | string[] | undefined>;
const param = (value: string | string[] | undefined) => firstSearchParam(value, 254);

// GET /admin/audit?admin=&action=&from=&to=&before|after= — what admins looked at and did.
export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
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
      <form method="get" action="/admin/audit" className="admin-filters" aria-label={t('common.filters')}>
        <Field name="admin" label={t('audit.admin')} type="email" defaultValue={form.admin} state={state} />
        <div className="field">
          <label htmlFor="field-action">{t('audit.action')}</label>
          <select id="field-action" name="action" defaultValue={form.action}>
            <option value="">{t('audit.anyAction')}</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </div>
        <Field name="from" label={t('common.from')} type="date" defaultValue={form.from} state={state} />
        <Field name="to" label={t('common.to')} type="date" defaultValue={form.to} state={state} />
        <button type="submit">{t('common.apply')}</button>
        <Link href="/admin/audit" prefetch={false}>
          {t('common.clear')}
        </Link>
      </form>
      {page.rows.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('audit.time')}</th>
              <th scope="col">{t('audit.admin')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.target')}</th>
              <th scope="col">{t('audit.details')}</th>
              <th scope="col">{t('audit.ip')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr key={row.id}>
                <td className="nowrap">{formatInZone(row.createdAt, timeZone)}</td>
                <td>{row.adminEmail ?? '—'}</td>
                <td>{row.action}</td>
                <td>
                  {row.target && isUuid(row.target) && row.action.startsWith('user.') ? (
                    <Link href={`/admin/users/${row.target}`} prefetch={false}>
                      {row.target}
                    </Link>
                  ) : (
                    (row.target ?? '—')
                  )}
                </td>
                <td>
                  <code>{row.details ? JSON.stringify(row.details) : ''}</code>
                </td>
                <td>{row.ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <KeysetPager path="/admin/audit" keep={form} newer={page.newer} older={page.older} paged={Boolean(before || after)} />
    </section>
  );
}
