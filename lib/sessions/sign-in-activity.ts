import 'server-only';
import { listLoginEvents, type LoginEventPage } from '@/db/admin-login-events';
import type { KeysetCursor, KeysetRequest } from '@/db/keyset';
import { decodeCursor } from '@/lib/admin/keyset-cursor';
import { loginReasons, twoStepReasons } from '@/lib/auth/login-events';

export const ACTIVITY_DAYS = 90;
export const ACTIVITY_PAGE_SIZE = 50;

const wordedReasons = new Set<string>([...loginReasons, ...twoStepReasons]);

/** The person's own login_events of the last ACTIVITY_DAYS days, newest first, a keyset page at a time. */
export async function listSignInActivity(userId: string, page: Omit<KeysetRequest, 'limit'>, now: Date): Promise<LoginEventPage> {
  const from = new Date(now.getTime() - ACTIVITY_DAYS * 86_400_000);
  return listLoginEvents({ userId, from }, { ...page, limit: ACTIVITY_PAGE_SIZE });
}

/** The catalogue key (under sessions.activity.reasons) of a logged reason; unknown ones fall to `other`. */
export function activityReasonKey(reason: string): string {
  return wordedReasons.has(reason) ? reason : 'other';
}

/**
 * A page cursor from the URL, or undefined. Also refuses calendar-impossible dates (Feb 30), which
 * JavaScript rolls over but PostgreSQL rejects.
 */
export function decodeActivityCursor(value: unknown): KeysetCursor | undefined {
  const cursor = decodeCursor(value);
  if (!cursor) return undefined;
  return new Date(cursor.createdAt).toISOString().slice(0, 19) === cursor.createdAt.slice(0, 19) ? cursor : undefined;
}
