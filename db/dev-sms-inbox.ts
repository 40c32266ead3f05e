import 'server-only';
import { desc } from 'drizzle-orm';
import { getDb } from './index';
import { devSmsInbox, type DevSmsMessage } from './schema';

/**
 * Stores an SMS delivered by the local transport under the outbox row's key as its id, so a retry
 * after a crash finds it there instead of adding it twice. Returns the id.
 */
export async function insertDevSms(sms: { to: string; text: string; key: string }): Promise<string> {
  const db = await getDb();
  await db.insert(devSmsInbox).values({ id: sms.key, toNumber: sms.to, text: sms.text }).onConflictDoNothing({ target: devSmsInbox.id });
  return sms.key;
}

/** The newest local SMS first. */
export async function listDevSms(limit: number): Promise<DevSmsMessage[]> {
  const db = await getDb();
  return db.select().from(devSmsInbox).orderBy(desc(devSmsInbox.createdAt), desc(devSmsInbox.id)).limit(limit);
}
