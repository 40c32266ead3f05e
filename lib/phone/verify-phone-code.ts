import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { closePhoneCodes, isPhoneVerifiedElsewhere, latestOpenPhoneCode, lockPhoneNumber } from '@/db/phone-queries';
import { phoneCodes, users } from '@/db/schema';
import { safeEqual } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { countRateLimitHits, guardFailures } from '@/lib/rate-limit/rate-limit';
import { phoneCodeHash } from './phone-code-hash';
import { phoneFailureLimit } from './sms-limits';

export type VerifyPhoneCodeOutcome =
  | { status: 'verified'; phone: string }
  | { status: 'wrong-code'; triesLeft: number }
  | { status: 'too-many-tries' }
  /** No code, an expired or used-up one, or one for a number that is not free. */
  | { status: 'no-code' };

/**
 * Checks the code against the person's newest open code. Wrong tries count on the code (at most
 * PHONE_CODE_MAX_ATTEMPTS) and on the number within PHONE_CODE_FAILURE_WINDOW_HOURS, so a new
 * code does not bring new tries. Right: the number becomes the account's verified number.
 */
export async function verifyPhoneCode(input: { userId: string; code: string; now: Date }): Promise<VerifyPhoneCodeOutcome> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<VerifyPhoneCodeOutcome> => {
    const row = await latestOpenPhoneCode(tx, input.userId);
    if (!row || row.expiresAt <= input.now || row.attempts >= config.PHONE_CODE_MAX_ATTEMPTS) return { status: 'no-code' };
    const { key, limit } = phoneFailureLimit(row.phone);
    // A taken number's code was never sent: nothing typed can match it.
    const matches = () => Promise.resolve(!row.numberTaken && safeEqual(phoneCodeHash(input.userId, row.phone, input.code), row.codeHash));
    const guarded = await guardFailures(tx, key, limit, input.now, matches);
    if (guarded === 'limited') return { status: 'too-many-tries' };
    if (guarded === 'failed') {
      const attempts = row.attempts + 1;
      const numberFailures = await countRateLimitHits(tx, key, new Date(input.now.getTime() - limit.windowMs));
      const triesLeft = Math.max(0, Math.min(config.PHONE_CODE_MAX_ATTEMPTS - attempts, limit.max - numberFailures));
      await tx.update(phoneCodes).set({ attempts, usedAt: triesLeft === 0 ? input.now : null }).where(eq(phoneCodes.id, row.id));
      return triesLeft === 0 ? { status: 'too-many-tries' } : { status: 'wrong-code', triesLeft };
    }

    await lockPhoneNumber(tx, row.phone);
    await closePhoneCodes(tx, input.userId, input.now);
    // Verified elsewhere since the code went out: this one cannot be used.
    if (await isPhoneVerifiedElsewhere(tx, row.phone, input.userId)) return { status: 'no-code' };
    await tx.update(users).set({ phone: row.phone, phoneVerifiedAt: input.now }).where(eq(users.id, input.userId));
    return { status: 'verified', phone: row.phone };
  });
}
