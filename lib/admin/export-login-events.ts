import 'server-only';
import { type LoginEventFilter, listLoginEvents } from '@/db/admin-login-events';
import type { KeysetCursor } from '@/db/keyset';
import { csvLine } from './csv';
import { formatInZone } from './zoned-time';

export const EXPORT_CHUNK_ROWS = 5_000;

const HEADER = ['id', 'time_utc', 'time_local', 'email', 'user_id', 'ip', 'user_agent', 'outcome', 'reason', 'provider'];

/**
 * The filtered log as CSV, newest first, read in keyset chunks only as fast as the client takes
 * them (a pull stream): a million rows never sit in memory at once.
 */
export function streamLoginEventsCsv(filter: LoginEventFilter, timeZone: string, chunkRows = EXPORT_CHUNK_ROWS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: KeysetCursor | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(HEADER)));
        return;
      }
      const page = await listLoginEvents(filter, { before, limit: chunkRows });
      if (page.rows.length) {
        const text = page.rows
          .map((row) =>
            csvLine([
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
          )
          .join('');
        controller.enqueue(encoder.encode(text));
      }
      if (!page.older) controller.close();
      else before = page.older;
    },
  });
}
