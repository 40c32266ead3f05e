import 'server-only';
import { listDevSms } from '@/db/dev-sms-inbox';
import type { User } from '@/db/schema';
import { config } from '@/lib/config';
import { isLocalSmsInbox } from './transport';

export type LocalSms = { id: string; to: string; text: string; createdAt: Date };

const INBOX_SIZE = 50;

/**
 * Whether `viewer` may read /dev/sms: it exists only while SMS go to the local inbox, and in
 * production (where LOCAL_SMS_INBOX=on let it start) only for admins: the codes in it prove numbers.
 */
export function canReadLocalSmsInbox(viewer: Pick<User, 'role'> | null): boolean {
  if (!isLocalSmsInbox()) return false;
  return config.NODE_ENV !== 'production' || viewer?.role === 'admin';
}

/** The newest SMS of the local inbox. */
export async function readLocalSmsInbox(): Promise<LocalSms[]> {
  const rows = await listDevSms(INBOX_SIZE);
  return rows.map((row) => ({ id: row.id, to: row.toNumber, text: row.text, createdAt: row.createdAt }));
}
