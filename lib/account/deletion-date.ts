import { addDays } from 'date-fns';
import { config } from '@/lib/config';

/** When a withdrawn account is deleted for good: WITHDRAWAL_GRACE_DAYS after it was closed. */
export function deletionDateOf(withdrawnAt: Date): Date {
  return addDays(withdrawnAt, config.WITHDRAWAL_GRACE_DAYS);
}

/**
 * The earliest withdrawal that is still within its grace period at `now`: accounts withdrawn after
 * it can be restored. Once the grace period is over an account is as good as deleted, even if the
 * sweep that deletes it has not run yet, so no sign-in or admin may offer it back.
 */
export function withdrawalGraceCutoff(now: Date): Date {
  return addDays(now, -config.WITHDRAWAL_GRACE_DAYS);
}

/** Whether a withdrawn account can still be restored (see withdrawalGraceCutoff). */
export function isWithinWithdrawalGrace(withdrawnAt: Date | null, now: Date): boolean {
  return withdrawnAt !== null && withdrawnAt > withdrawalGraceCutoff(now);
}
