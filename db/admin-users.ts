import 'server-only';
import { sql } from 'drizzle-orm';
import type { UserRole, UserStatus } from './schema';
import { prefixUpperBound } from './admin-login-events';
import { getDb, queryRows } from './index';
import { isUuid } from '@/lib/validation/uuid';

export type AdminUserRow = {
  id: string;
  /** The live address, or the one kept in dormant_accounts while the account is dormant. */
  email: string | null;
  name: string | null;
  role: UserRole;
  status: UserStatus;
  verified: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  locked: boolean;
  lockedUntil: string | null;
  failedLoginCount: number;
  passwordExpired: boolean;
  hasPassword: boolean;
  withdrawnAt: string | null;
  hasMarketingConsent: boolean;
  /** E.164, live or kept in dormant_accounts. */
  phone: string | null;
  phoneVerifiedAt: string | null;
};

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** AdminUserRow's fields, named as the type names them. */
const userColumns = sql`u.id, coalesce(u.email, d.email) as email, u.name, u.role, u.status,
  u.email_verified_at is not null as verified, ${iso('u.last_login_at')} as "lastLoginAt", ${iso('u.created_at')} as "createdAt",
  coalesce(u.locked_until > now(), false) as locked, ${iso('u.locked_until')} as "lockedUntil", u.failed_login_count as "failedLoginCount",
  u.password_expired as "passwordExpired", u.password_hash is not null as "hasPassword", ${iso('u.withdrawn_at')} as "withdrawnAt",
  (u.marketing_email_consent_at is not null or u.marketing_sms_consent_at is not null) as "hasMarketingConsent",
  coalesce(u.phone, d.phone) as phone, ${iso('coalesce(u.phone_verified_at, d.phone_verified_at)')} as "phoneVerifiedAt"`;

function toRow(row: AdminUserRow): AdminUserRow {
  return { ...row, failedLoginCount: Number(row.failedLoginCount) };
}

/**
 * Accounts whose address (live or dormant) starts with `prefix`, in address order, after `after`.
 * Both prefix lookups use text_pattern_ops indexes, so this stays fast with many accounts.
 */
export async function searchUsersByEmail(input: { prefix: string; after?: string; limit: number }): Promise<{ rows: AdminUserRow[]; next: string | null }> {
  const db = await getDb();
  const upper = input.prefix ? prefixUpperBound(input.prefix) : null;
  const below = upper === null ? sql`` : sql`and email ~<~ ${upper}`;
  const candidates = input.prefix
    ? sql`(select id from users where email ~>=~ ${input.prefix} ${below}
           union select user_id from dormant_accounts where email ~>=~ ${input.prefix} ${below})`
    : sql`(select id from users)`;
  const after = input.after ? sql`and coalesce(u.email, d.email) ~>~ ${input.after}` : sql``;
  const raw = await queryRows<AdminUserRow>(
    db,
    sql`select ${userColumns}
        from users u join ${candidates} hit on hit.id = u.id left join dormant_accounts d on d.user_id = u.id
        where coalesce(u.email, d.email) is not null ${after}
        order by coalesce(u.email, d.email) collate "C"
        limit ${input.limit + 1}`,
  );
  const rows = raw.slice(0, input.limit).map(toRow);
  return { rows, next: raw.length > input.limit ? rows[rows.length - 1].email : null };
}

export async function findAdminUserView(id: string): Promise<AdminUserRow | null> {
  if (!isUuid(id)) return null;
  const db = await getDb();
  const [row] = await queryRows<AdminUserRow>(
    db,
    sql`select ${userColumns} from users u left join dormant_accounts d on d.user_id = u.id where u.id = ${id}::uuid`,
  );
  return row ? toRow(row) : null;
}
