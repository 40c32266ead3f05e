import { sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { databaseKind, getDb, queryRows } from '@/db';
import { checkDatabase } from '@/db/health';
import { resetDatabase } from './fixtures/database';

describe('database', () => {
  beforeEach(resetDatabase);

  it('answers the health check with the kind of database in use', async () => {
    const result = await checkDatabase();
    expect(result).toEqual({ ok: true, db: process.env.DATABASE_URL ? 'postgres' : 'pglite' });
    expect(databaseKind()).toBe(result.db);
  });

  it('has every table of the data model after migration', async () => {
    const db = await getDb();
    const rows = await queryRows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['users', 'dormant_accounts', 'auth_tokens', 'login_events', 'mail_outbox', 'sweep_runs']),
    );
  });

  it('keeps email unique among live accounts but allows many dormant (NULL) emails', async () => {
    const db = await getDb();
    await db.execute(sql`insert into users (email) values ('a@example.com'), (null), (null)`);
    await expect(db.execute(sql`insert into users (email) values ('a@example.com')`)).rejects.toThrow();
  });
});
