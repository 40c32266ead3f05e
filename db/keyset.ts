import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import { queryRows, type Queryable } from './index';

// Keyset pages on (created_at, id), never OFFSET, so any depth costs the same: the admin login log
// and the audit trail both read this way.

/** A position in a log: created_at with microseconds (ISO, UTC) and the id that breaks ties. */
export type KeysetCursor = { createdAt: string; id: number };

export type KeysetPage<Row> = { rows: Row[]; newer: KeysetCursor | null; older: KeysetCursor | null };

export type KeysetRequest = { before?: KeysetCursor; after?: KeysetCursor; limit: number };

// Microseconds matter: a JS Date would round them away and a page boundary would skip or repeat rows.
export const ISO_MICROS = sql.raw(`'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`);

/**
 * Every distinct value of a log's indexed column, read as a skip scan over its index (one index probe
 * per value, fast at any size): the filter choices of the login log and the audit trail.
 */
export async function listDistinctValues(q: Queryable, log: { table: 'login_events'; column: 'reason' } | { table: 'admin_audit'; column: 'action' }): Promise<string[]> {
  const table = sql.identifier(log.table);
  const column = sql.identifier(log.column);
  const rows = await queryRows<{ value: string }>(
    q,
    sql`with recursive d(value) as (
          (select ${column} from ${table} order by ${column} limit 1)
          union all
          select (select ${column} from ${table} where ${column} > d.value order by ${column} limit 1) from d where d.value is not null
        )
        select value from d where value is not null`,
  );
  return rows.map((row) => row.value);
}

export function whereClause(conditions: SQL[]): SQL {
  return conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
}

/**
 * One page of `table`, newest first. `before` gives the page older than a cursor, `after` the page
 * newer than it (read upwards, then reversed). One extra row tells whether there is more.
 */
export async function readKeysetPage<Raw extends Record<string, unknown>, Row extends KeysetCursor>(
  q: Queryable,
  query: { table: string; columns: SQL; conditions: SQL[]; toRow: (raw: Raw) => Row },
  page: KeysetRequest,
): Promise<KeysetPage<Row>> {
  const table = sql.identifier(query.table);
  const conditions = [...query.conditions];
  const upward = Boolean(page.after) && !page.before;
  if (page.before) conditions.push(sql`(${table}.created_at, ${table}.id) < (${page.before.createdAt}::timestamptz, ${page.before.id}::bigint)`);
  else if (page.after) conditions.push(sql`(${table}.created_at, ${table}.id) > (${page.after.createdAt}::timestamptz, ${page.after.id}::bigint)`);
  // Qualified names: the select list aliases id and created_at as text, which would sort (and plan) wrongly.
  const order = upward
    ? sql`order by ${table}.created_at asc nulls first, ${table}.id asc nulls first`
    : sql`order by ${table}.created_at desc nulls last, ${table}.id desc nulls last`;
  const raw = await queryRows<Raw>(q, sql`select ${query.columns} from ${table} ${whereClause(conditions)} ${order} limit ${page.limit + 1}`);
  const more = raw.length > page.limit;
  const rows = raw.slice(0, page.limit).map(query.toRow);
  if (upward) rows.reverse();
  const cursor = (row: Row | undefined): KeysetCursor | null => (row ? { createdAt: row.createdAt, id: row.id } : null);
  const first = cursor(rows[0]);
  const last = cursor(rows[rows.length - 1]);
  if (upward) return { rows, newer: more ? first : null, older: last };
  return { rows, newer: page.before ? first : null, older: more ? last : null };
}
