import 'server-only';
import { listMarketingAudience } from '@/db/admin-marketing-audience';
import { consentChannels } from '@/db/schema';
import { csvLine } from './csv';
import { formatInZone } from './zoned-time';
import { EXPORT_CHUNK_ROWS } from './export-login-events';

const HEADER = ['channel', 'address', 'user_id', 'consent_utc', 'consent_local', 'last_confirmation_utc', 'last_confirmation_local'];

/**
 * The marketing audience as CSV, email first then SMS, read in keyset chunks only as fast as the
 * client takes them (a pull stream), like the login-log export.
 */
export function streamMarketingAudienceCsv(timeZone: string, chunkRows = EXPORT_CHUNK_ROWS): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let channelIndex = 0;
  let after: string | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(HEADER)));
        return;
      }
      const channel = consentChannels[channelIndex];
      const rows = await listMarketingAudience(channel, { after, limit: chunkRows });
      if (rows.length) {
        const text = rows
          .map((row) =>
            csvLine([
              channel,
              row.address,
              row.userId,
              row.consentedAt,
              formatInZone(row.consentedAt, timeZone),
              row.confirmedAt,
              row.confirmedAt ? formatInZone(row.confirmedAt, timeZone) : null,
            ]),
          )
          .join('');
        controller.enqueue(encoder.encode(text));
      }
      if (rows.length === chunkRows) {
        after = rows[rows.length - 1].userId;
        return;
      }
      channelIndex += 1;
      after = undefined;
      if (channelIndex >= consentChannels.length) controller.close();
    },
  });
}
