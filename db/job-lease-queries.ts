import 'server-only';
import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from './index';

// Leases use the database's clock, so instances with skewed clocks still agree on who holds one.

/** Takes the lease when it is free or expired; true when `holder` now has it. */
export async function takeLease(q: Queryable, input: { name: string; holder: string; ttlMs: number }): Promise<boolean> {
  const rows = await queryRows<{ holder: string }>(
    q,
    sql`
      insert into job_leases (name, holder, expires_at)
      values (${input.name}, ${input.holder}, clock_timestamp() + make_interval(secs => ${input.ttlMs / 1000}::float8))
      on conflict (name) do update set holder = excluded.holder, expires_at = excluded.expires_at
        where job_leases.expires_at <= clock_timestamp()
      returning holder
    `,
  );
  return rows[0]?.holder === input.holder;
}

/** Extends a lease the holder still has; false when it expired and someone else took it. */
export async function extendLease(q: Queryable, input: { name: string; holder: string; ttlMs: number }): Promise<boolean> {
  const rows = await queryRows<{ name: string }>(
    q,
    sql`
      update job_leases set expires_at = clock_timestamp() + make_interval(secs => ${input.ttlMs / 1000}::float8)
      where name = ${input.name} and holder = ${input.holder}
      returning name
    `,
  );
  return rows.length > 0;
}

export async function dropLease(q: Queryable, input: { name: string; holder: string }): Promise<void> {
  await q.execute(sql`delete from job_leases where name = ${input.name} and holder = ${input.holder}`);
}
