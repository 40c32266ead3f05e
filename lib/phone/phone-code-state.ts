import 'server-only';
import { getDb } from '@/db';
import { latestPhoneCode } from '@/db/phone-queries';
import { config } from '@/lib/config';

/** What /account/phone shows: the number a code is waiting for, and the end of the cool-down. */
export async function findPhoneCodeState(userId: string, now: Date): Promise<{ pendingPhone: string | null; nextSendAt: Date | null }> {
  const latest = await latestPhoneCode(await getDb(), userId);
  if (!latest) return { pendingPhone: null, nextSendAt: null };
  const nextSendAt = new Date(latest.createdAt.getTime() + config.SMS_COOLDOWN_SECONDS * 1000);
  return {
    pendingPhone: !latest.usedAt && latest.expiresAt > now ? latest.phone : null,
    nextSendAt: nextSendAt > now ? nextSendAt : null,
  };
}
