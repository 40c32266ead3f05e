import 'server-only';
import { getCurrentUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { knownTimeZoneOr } from './time-zone';

/** The time zone dates are shown in: the signed-in person's choice (users.time_zone), else ADMIN_TIMEZONE. */
export async function getRequestTimeZone(): Promise<string> {
  const user = await getCurrentUser().catch(() => null);
  return knownTimeZoneOr(user?.timeZone, config.ADMIN_TIMEZONE);
}
