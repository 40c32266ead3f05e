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

type RawUser = {
  id: string;
  email: string | null;
  name: string | null;
  role: UserRole;
  status: UserStatus;
  verified: boolean;
  last_login_at: string | null;
  created_at: string;
  locked: boolean;
  locked_until: string | null;
  failed_login_count: number;
  password_expired: boolean;
  has_password: boolean;
  withdrawn_at: string | null;
  has_marketing_consent: boolean;
  phone: string | null;
  phone_verified_at: string | null;
};

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

const userColumns = sql`u.id, coalesce(u.email, d.email) as email, u.name, u.role, u.status,
  u.email_verified_at is not null as verified, ${iso('u.last_login_at')} as last_login_at, ${iso('u.created_at')} as created_at,
  coalesce(u.locked_until > now(), false) as locked, ${iso('u.locked_until')} as locked_until, u.failed_login_count,
  u.password_expired, u.password_hash is not null as has_password, ${iso('u.withdrawn_at')} as withdrawn_at,
  (u.marketing_email_consent_at is not null or u.marketing_sms_consent_at is not null) as has_marketing_consent,
  coalesce(u.phone, d.phone) as phone, ${iso('coalesce(u.phone_verified_at, d.phone_verified_at)')} as phone_verified_at`;

function toRow(row: RawUser): AdminUserRow {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    verified: row.verified,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    locked: row.locked,
    lockedUntil: row.locked_until,
    failedLoginCount: Number(row.failed_login_count),
    passwordExpired: row.password_expired,
    hasPassword: row.has_password,
    withdrawnAt: row.withdrawn_at,
    hasMarketingConsent: row.has_marketing_consent,
    phone: row.phone,
    phoneVerifiedAt: row.phone_verified_at,
  };
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
  const raw = await queryRows<RawUser>(
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
  const [row] = await queryRows<RawUser>(
    db,
    sql`select ${userColumns} from users u left join dormant_accounts d on d.user_id = u.id where u.id = ${id}::uuid`,
  );
  return row ? toRow(row) : null;
}
