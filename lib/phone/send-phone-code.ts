import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { closePhoneCodes, isPhoneVerifiedElsewhere, lockPhoneNumber } from '@/db/phone-queries';
import { phoneCodes, users, type Locale } from '@/db/schema';
import { generateCode } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { takeRateLimits } from '@/lib/rate-limit/rate-limit';
import { enqueueSms } from '@/lib/sms/enqueue-sms';
import { phoneCodeHash } from './phone-code-hash';
import { SMS_DAILY_CAP_KEY, smsCooldownKey, smsSendLimits } from './sms-limits';

export type SendPhoneCodeOutcome =
  /** Also the answer for a number verified on another account (no SMS then): the same words. */
  | { status: 'sent'; nextSendAt: Date }
  | { status: 'same-number' }
  | { status: 'too-soon'; retryAt: Date }
  | { status: 'limited'; retryAt: Date }
  | { status: 'daily-cap' }
  | { status: 'not-found' };

/**
 * Sends a 6-digit code to `phone` (E.164, country already allowed) for the person to prove it is
 * theirs. Older codes stop working. The code row and its SMS are written in one transaction, after
 * every limit has counted the request. A number another account has verified gets a row marked
 * number_taken and no SMS: the attempt is on record, and the person sees what anyone would.
 */
export async function sendPhoneCode(input: { userId: string; phone: string; ip: string | null; locale: Locale; now: Date }): Promise<SendPhoneCodeOutcome> {
  const db = await getDb();
  const outcome = await db.transaction(async (tx): Promise<SendPhoneCodeOutcome> => {
    const [user] = await tx.select({ phone: users.phone, verifiedAt: users.phoneVerifiedAt }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!user) return { status: 'not-found' };
    if (user.phone === input.phone && user.verifiedAt) return { status: 'same-number' };

    const limits = await takeRateLimits(tx, smsSendLimits(input), input.now);
    if (!limits.allowed) {
      if (limits.keys.includes(SMS_DAILY_CAP_KEY)) return { status: 'daily-cap' };
      const onlyCooldown = limits.keys.every((key) => key === smsCooldownKey(input.userId));
      return { status: onlyCooldown ? 'too-soon' : 'limited', retryAt: limits.retryAt };
    }

    await lockPhoneNumber(tx, input.phone);
    const taken = await isPhoneVerifiedElsewhere(tx, input.phone, input.userId);
    const code = generateCode();
    const expiresAt = new Date(input.now.getTime() + config.PHONE_CODE_TTL_MINUTES * 60_000);
    await closePhoneCodes(tx, input.userId, input.now);
    const [row] = await tx
      .insert(phoneCodes)
      .values({ userId: input.userId, phone: input.phone, codeHash: phoneCodeHash(input.userId, input.phone, code), numberTaken: taken, ip: input.ip, expiresAt, createdAt: input.now })
      .returning({ id: phoneCodes.id });
    if (taken) {
      console.warn(`[phone] code asked for a number verified on another account (user ${input.userId}, code row ${row.id}); no SMS sent`);
    } else {
      await enqueueSms(tx, { to: input.phone, template: 'phone-code', props: { code, expiresAt: expiresAt.toISOString() }, locale: input.locale, dedupeKey: `phone-code/${row.id}` });
    }
    return { status: 'sent', nextSendAt: new Date(input.now.getTime() + config.SMS_COOLDOWN_SECONDS * 1000) };
  });
  if (outcome.status === 'sent') deliverSoon();
  return outcome;
}
