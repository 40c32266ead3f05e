import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { getDb, queryRows, type Queryable } from './index';
import { adminAudit } from './schema';

export type AdminAuditEntry = {
  adminId: string | null;
  adminEmail: string | null;
  action: string;
  target?: string | null;
  details?: Record<string, unknown> | null;
  ip?: string | null;
};

export async function insertAdminAudit(entry: AdminAuditEntry, q?: Queryable): Promise<void> {
  const db = q ?? (await getDb());
  await db.insert(adminAudit).values({
    adminId: entry.adminId,
    adminEmail: entry.adminEmail,
    action: entry.action,
    target: entry.target ?? null,
    details: entry.details ?? null,
    ip: entry.ip ?? null,
  });
}

export type AdminAuditFilter = { adminEmail?: string; action?: string; from?: Date; to?: Date };
export type AuditCursor = { createdAt: string; id: number };

export type AdminAuditRow = {
  id: number;
  createdAt: string;
  adminId: string | null;
  adminEmail: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
  ip: string | null;
};

type RawAudit = {
  id: string;
  created_at: string;
  admin_id: string | null;
  admin_email: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown> | string | null;
  ip: string | null;
};

/** A keyset page of the audit trail, newest first (same scheme as the login log). */
export async function listAdminAudit(
  filter: AdminAuditFilter,
  page: { before?: AuditCursor; after?: AuditCursor; limit: number },
): Promise<{ rows: AdminAuditRow[]; newer: AuditCursor | null; older: AuditCursor | null }> {
  const db = await getDb();
  const conditions: SQL[] = [];
  if (filter.adminEmail) conditions.push(sql`admin_email = ${filter.adminEmail}`);
  if (filter.action) conditions.push(sql`action = ${filter.action}`);
  if (filter.from) conditions.push(sql`created_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) conditions.push(sql`created_at < ${filter.to.toISOString()}::timestamptz`);
  const upward = Boolean(page.after) && !page.before;
  if (page.before) conditions.push(sql`(created_at, id) < (${page.before.createdAt}::timestamptz, ${page.before.id}::bigint)`);
  else if (page.after) conditions.push(sql`(created_at, id) > (${page.after.createdAt}::timestamptz, ${page.after.id}::bigint)`);
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const order = upward ? sql`order by admin_audit.created_at asc nulls first, admin_audit.id asc nulls first` : sql`order by admin_audit.created_at desc nulls last, admin_audit.id desc nulls last`;
  const raw = await queryRows<RawAudit>(
    db,
    sql`select id::text as id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at,
               admin_id, admin_email, action, target, details, ip
        from admin_audit ${where} ${order} limit ${page.limit + 1}`,
  );
  const more = raw.length > page.limit;
  const rows = raw.slice(0, page.limit).map(
    (row): AdminAuditRow => ({
      id: Number(row.id),
      createdAt: row.created_at,
      adminId: row.admin_id,
      adminEmail: row.admin_email,
      action: row.action,
      target: row.target,
      details: typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details,
      ip: row.ip,
    }),
  );
  if (upward) rows.reverse();
  const cursor = (row: AdminAuditRow | undefined) => (row ? { createdAt: row.createdAt, id: row.id } : null);
  if (upward) return { rows, newer: more ? cursor(rows[0]) : null, older: cursor(rows[rows.length - 1]) };
  return { rows, newer: page.before ? cursor(rows[0]) : null, older: more ? cursor(rows[rows.length - 1]) : null };
}

/** Distinct actions in the trail (skip scan over admin_audit_action_created_idx). */
export async function listAuditActions(): Promise<string[]> {
  const db = await getDb();
  const rows = await queryRows<{ action: string }>(
    db,
    sql`with recursive a as (
          (select action from admin_audit order by action limit 1)
          union all
          select (select action from admin_audit where action > a.action order by action limit 1) from a where a.action is not null
        )
        select action from a where action is not null`,
  );
  return rows.map((row) => row.action);
}
