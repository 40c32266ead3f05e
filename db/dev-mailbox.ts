import 'server-only';
import { desc } from 'drizzle-orm';
import { getDb } from './index';
import { devMailbox, type DevMailboxMessage } from './schema';

export type NewDevMail = { to: string; subject: string; html: string; text: string };

/** Stores mail delivered by the local transport; returns the ids in order. */
export async function insertDevMail(messages: NewDevMail[]): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .insert(devMailbox)
    .values(messages.map((message) => ({ toAddress: message.to, subject: message.subject, html: message.html, text: message.text })))
    .returning({ id: devMailbox.id });
  return rows.map((row) => row.id);
}

/** The newest local mail first. */
export async function listDevMail(limit: number): Promise<DevMailboxMessage[]> {
  const db = await getDb();
  return db.select().from(devMailbox).orderBy(desc(devMailbox.createdAt), desc(devMailbox.id)).limit(limit);
}
