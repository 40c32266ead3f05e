// Integration helpers for the auth tests: accounts inserted straight into the test database.
import { sql } from 'drizzle-orm';
import { getDb, queryRows } from '@/db';
import { users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password-hash';

export const PASSWORD = 'correct horse battery staple';

export async function insertUser(
  overrides: Partial<{ email: string | null; status: 'active' | 'dormant' | 'withdrawn'; verified: boolean; locale: 'en' | 'ko'; withdrawnAt: Date }> = {},
) {
  const db = await getDb();
  const [user] = await db
    .insert(users)
    .values({
      email: overrides.email === undefined ? `person-${Math.random().toString(36).slice(2)}@example.com` : overrides.email,
      name: 'Test Person',
      passwordHash: await hashPassword(PASSWORD),
      status: overrides.status ?? 'active',
      emailVerifiedAt: overrides.verified === false ? null : new Date(),
      locale: overrides.locale ?? null,
      // A withdrawn account always has its withdrawal time (the deletion date counts from it).
      withdrawnAt: overrides.status === 'withdrawn' ? (overrides.withdrawnAt ?? new Date()) : null,
      dormantAt: overrides.status === 'dormant' ? new Date() : null,
    })
    .returning();
  return user;
}

export async function outboxRows(to: string, template?: string) {
  const db = await getDb();
  return queryRows<{ template: string; locale: string; props: Record<string, string>; dedupe_key: string }>(
    db,
    sql`select template, locale, props, dedupe_key from mail_outbox
        where to_address = ${to} ${template ? sql`and template = ${template}` : sql``} order by created_at, id`,
  );
}

export async function loginEventsFor(email: string) {
  const db = await getDb();
  return queryRows<{ reason: string; success: boolean; user_id: string | null; ip: string | null; user_agent: string | null }>(
    db,
    sql`select reason, success, user_id, ip, user_agent from login_events where email = ${email} order by id`,
  );
}
