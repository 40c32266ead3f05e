import 'server-only';
import { listDevSms } from '@/db/dev-sms-inbox';

export type LocalSms = { id: string; to: string; text: string; createdAt: Date };

const INBOX_SIZE = 50;

/** The newest SMS of the local inbox. */
export async function readLocalSmsInbox(): Promise<LocalSms[]> {
  const rows = await listDevSms(INBOX_SIZE);
  return rows.map((row) => ({ id: row.id, to: row.toNumber, text: row.text, createdAt: row.createdAt }));
}
