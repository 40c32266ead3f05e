import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from './index';

/**
 * Moves a dormant account's personal data back into users and makes it active again, as one
 * statement. Returns false when the account is not dormant any more, or when its address has
 * meanwhile been taken by another account (the data then stays in dormant_accounts).
 */
export async function restoreDormantAccount(q: Queryable, input: { userId: string; now: Date }): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    q,
    sql`
      with moved as (
        delete from dormant_accounts d using users u
        where d.user_id = ${input.userId}::uuid and u.id = d.user_id and u.status = 'dormant'
          and not exists (select 1 from users other where other.email = d.email)
        returning d.user_id, d.email, d.name, d.phone, d.phone_verified_at, d.password_hash
      )
      update users u
      set email = m.email, name = m.name, phone = m.phone, phone_verified_at = m.phone_verified_at, password_hash = m.password_hash,
        status = 'active', dormant_at = null, last_login_at = ${input.now.toISOString()}::timestamptz,
        failed_login_count = 0, locked_until = null
      from moved m where u.id = m.user_id
      returning u.id
    `,
  );
  return rows.length > 0;
}
