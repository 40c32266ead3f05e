import 'server-only';
import { listDevMail } from '@/db/dev-mailbox';
import { isLocalMailbox } from './transport';

export type LocalMail = { id: string; to: string; subject: string; html: string; text: string; links: string[]; createdAt: Date };

const MAILBOX_SIZE = 50;

/** The newest mail of the local mailbox, or null when mail goes through Resend (no mailbox then). */
export async function readLocalMailbox(): Promise<LocalMail[] | null> {
  if (!isLocalMailbox()) return null;
  const rows = await listDevMail(MAILBOX_SIZE);
  return rows.map((row) => ({
    id: row.id,
    to: row.toAddress,
    subject: row.subject,
    html: row.html,
    text: row.text,
    links: [...new Set([...row.html.matchAll(/href="([^"]+)"/g)].map((match) => match[1].replaceAll('&amp;', '&')))],
    createdAt: row.createdAt,
  }));
}
