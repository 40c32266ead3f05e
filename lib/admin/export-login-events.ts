import 'server-only';
import { type LoginEventFilter, listLoginEvents } from '@/db/admin-login-events';
import type { KeysetCursor } from '@/db/keyset';
import { csvStream } from './csv';
import { formatInZone } from './zoned-time';

export const EXPORT_CHUNK_ROWS = 5_000;

const HEADER = ['id', 'time_utc', 'time_local', 'email', 'user_id', 'ip', 'user_agent', 'outcome', 'reason', 'provider'];

/** The filtered log as CSV, newest first, read in keyset chunks as the client takes them. */
export function streamLoginEventsCsv(filter: LoginEventFilter, timeZone: string, chunkRows = EXPORT_CHUNK_ROWS): ReadableStream<Uint8Array> {
  let before: KeysetCursor | undefined;
  return csvStream(HEADER, async () => {
    const page = await listLoginEvents(filter, { before, limit: chunkRows });
    before = page.older ?? undefined;
    return {
      rows: page.rows.map((row) => [
        row.id,
        row.createdAt,
        formatInZone(row.createdAt, timeZone),
        row.email,
        row.userId,
        row.ip,
        row.userAgent,
        row.success ? 'success' : 'failure',
        row.reason,
        row.provider,
      ]),
      last: !page.older,
    };
  });
}
