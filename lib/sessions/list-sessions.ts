import 'server-only';
import { getDb } from '@/db';
import { listLiveSessions } from '@/db/sessions';
import { config } from '@/lib/config';
import { describeUserAgent } from './user-agent';

export type DeviceRow = {
  id: string;
  browser: string | null;
  os: string | null;
  userAgent: string | null;
  ip: string | null;
  method: string;
  signedInAt: Date;
  lastActiveAt: Date;
};

/** The account's live sessions (not revoked, not ended by a session_version bump, not expired), most recent first. */
export async function listSignedInDevices(userId: string, now: Date): Promise<DeviceRow[]> {
  const seenSince = new Date(now.getTime() - config.SESSION_MAX_AGE_DAYS * 86_400_000);
  const rows = await listLiveSessions(await getDb(), userId, seenSince);
  return rows.map((row) => ({
    id: row.id,
    ...describeUserAgent(row.userAgent),
    userAgent: row.userAgent,
    ip: row.ip,
    method: row.method,
    signedInAt: row.createdAt,
    lastActiveAt: row.lastSeenAt,
  }));
}
