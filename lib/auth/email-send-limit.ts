import 'server-only';
import type { Transaction } from '@/db';
import { config } from '@/lib/config';
import { takeRateLimit } from '@/lib/rate-limit/rate-limit';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export type EmailSendPurpose = 'verify-email' | 'reset-password' | 'signup-attempt' | 'change-email';

/**
 * Whether one more mail of this kind may go to this address now (EMAIL_SEND_PER_MINUTE and
 * EMAIL_SEND_PER_DAY); counts it when it may. Keeps the product from being used to flood an inbox.
 */
export function takeEmailSend(tx: Transaction, purpose: EmailSendPurpose, email: string, now: Date): Promise<boolean> {
  return takeRateLimit(
    tx,
    `email:${purpose}:${email}`,
    [
      { max: config.EMAIL_SEND_PER_MINUTE, windowMs: MINUTE },
      { max: config.EMAIL_SEND_PER_DAY, windowMs: DAY },
    ],
    now,
  );
}

/**
 * Whether this account may ask for one more email-change link now (EMAIL_CHANGE_PER_ACCOUNT_PER_DAY,
 * whatever the addresses); counts it when it may. One account cannot spray links at many addresses,
 * while a person who mistyped an address can send the link again at once.
 */
export function takeAccountEmailChange(tx: Transaction, userId: string, now: Date): Promise<boolean> {
  return takeRateLimit(tx, `email-change:account:${userId}`, [{ max: config.EMAIL_CHANGE_PER_ACCOUNT_PER_DAY, windowMs: DAY }], now);
}
