import 'server-only';
import { listMarketingAudience } from '@/db/admin-marketing-audience';
import { consentChannels } from '@/db/schema';
import { csvStream } from './csv';
import { EXPORT_CHUNK_ROWS } from './export-login-events';
import { formatInZone } from './zoned-time';

const HEADER = ['channel', 'address', 'user_id', 'consent_utc', 'consent_local', 'last_confirmation_utc', 'last_confirmation_local'];

/** The marketing audience as CSV, email first then SMS, read in keyset chunks as the client takes them. */
export function streamMarketingAudienceCsv(timeZone: string, chunkRows = EXPORT_CHUNK_ROWS): ReadableStream<Uint8Array> {
  let channelIndex = 0;
  let after: string | undefined;
  return csvStream(HEADER, async () => {
    const channel = consentChannels[channelIndex];
    const rows = await listMarketingAudience(channel, { after, limit: chunkRows });
    if (rows.length === chunkRows) {
      after = rows[rows.length - 1].userId;
    } else {
      channelIndex += 1;
      after = undefined;
    }
    return {
      rows: rows.map((row) => [
        channel,
        row.address,
        row.userId,
        row.consentedAt,
        formatInZone(row.consentedAt, timeZone),
        row.confirmedAt,
        row.confirmedAt ? formatInZone(row.confirmedAt, timeZone) : null,
      ]),
      last: channelIndex >= consentChannels.length,
    };
  });
}
