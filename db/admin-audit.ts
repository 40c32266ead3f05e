import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { getDb, type Queryable } from './index';
import { ISO_MICROS, type KeysetPage, type KeysetRequest, listDistinctValues, readKeysetPage } from './keyset';
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

const auditColumns = sql`id::text as id, to_char(created_at at time zone 'UTC', ${ISO_MICROS}) as created_at,
  admin_id, admin_email, action, target, details, ip`;

function toAuditRow(row: RawAudit): AdminAuditRow {
  return {
    id: Number(row.id),
    createdAt: row.created_at,
    adminId: row.admin_id,
    adminEmail: row.admin_email,
    action: row.action,
    target: row.target,
    details: typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details,
    ip: row.ip,
  };
}

/** A keyset page of the audit trail under `filter`, newest first (same scheme as the login log). */
export async function listAdminAudit(filter: AdminAuditFilter, page: KeysetRequest): Promise<KeysetPage<AdminAuditRow>> {
  const db = await getDb();
  const conditions: SQL[] = [];
  if (filter.adminEmail) conditions.push(sql`admin_email = ${filter.adminEmail}`);
  if (filter.action) conditions.push(sql`action = ${filter.action}`);
  if (filter.from) conditions.push(sql`created_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) conditions.push(sql`created_at < ${filter.to.toISOString()}::timestamptz`);
  return readKeysetPage(db, { table: 'admin_audit', columns: auditColumns, conditions, toRow: toAuditRow }, page);
}

/** Distinct actions in the trail (skip scan over admin_audit_action_created_idx). */
export async function listAuditActions(): Promise<string[]> {
  return listDistinctValues(await getDb(), { table: 'admin_audit', column: 'action' });
}
