import 'server-only';
import { getDb } from '@/db';
import { config } from '@/lib/config';
import { countRateLimitHits, type KeyedLimits } from '@/lib/rate-limit/rate-limit';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Key of the global daily cap: every code asked for counts. */
export const SMS_DAILY_CAP_KEY = 'sms:daily-cap';
export const SMS_DAILY_CAP_WINDOW_MS = DAY;

/** Codes asked for in the cap's window (the last 24 hours): what SMS_DAILY_CAP is compared with. */
export async function countSmsCodesToday(now: Date): Promise<number> {
  return countRateLimitHits(await getDb(), SMS_DAILY_CAP_KEY, new Date(now.getTime() - SMS_DAILY_CAP_WINDOW_MS));
}

export function smsCooldownKey(userId: string): string {
  return `sms:cooldown:${userId}`;
}

/** Every limit one code request passes; all are counted together or not at all. */
export function smsSendLimits(input: { userId: string; phone: string; ip: string | null }): KeyedLimits[] {
  return [
    { key: smsCooldownKey(input.userId), limits: [{ max: 1, windowMs: config.SMS_COOLDOWN_SECONDS * 1000 }] },
    {
      key: `sms:number:${input.phone}`,
      limits: [
        { max: config.SMS_PER_NUMBER_PER_HOUR, windowMs: HOUR },
        { max: config.SMS_PER_NUMBER_PER_DAY, windowMs: DAY },
      ],
    },
    { key: `sms:account:${input.userId}`, limits: [{ max: config.SMS_PER_ACCOUNT_PER_DAY, windowMs: DAY }] },
    // A request without a known IP shares one bucket: a missing IP never skips the limit.
    { key: `sms:ip:${input.ip ?? 'unknown'}`, limits: [{ max: config.SMS_PER_IP_PER_HOUR, windowMs: HOUR }] },
    { key: SMS_DAILY_CAP_KEY, limits: [{ max: config.SMS_DAILY_CAP, windowMs: SMS_DAILY_CAP_WINDOW_MS }] },
  ];
}

/** Wrong codes per number, across codes: a new code does not give new tries. */
export function phoneFailureLimit(phone: string) {
  return { key: `sms:wrong-code:${phone}`, limit: { max: config.PHONE_CODE_MAX_ATTEMPTS, windowMs: config.PHONE_CODE_FAILURE_WINDOW_HOURS * HOUR } };
}
