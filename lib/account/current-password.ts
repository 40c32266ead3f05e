import 'server-only';
import { getDb } from '@/db';
import { verifyPassword } from '@/lib/auth/password-hash';
import { config } from '@/lib/config';
import { guardFailures } from '@/lib/rate-limit/rate-limit';

export type CurrentPasswordCheck = 'correct' | 'wrong-password' | 'too-many-attempts';

/**
 * Checks the password a signed-in person typed to confirm a sensitive change. Wrong answers are
 * counted per account: after REAUTH_FAILURE_LIMIT of them within REAUTH_WINDOW_MINUTES the check
 * refuses without looking, so a stolen session cannot be used to guess the password.
 */
export async function checkCurrentPassword(user: { id: string; passwordHash: string | null }, password: string, now: Date): Promise<CurrentPasswordCheck> {
  const db = await getDb();
  const limit = { max: config.REAUTH_FAILURE_LIMIT, windowMs: config.REAUTH_WINDOW_MINUTES * 60_000 };
  // With a null hash this is a dummy verify that fails: a social-only account has no password to type.
  const result = await db.transaction((tx) => guardFailures(tx, `reauth:${user.id}`, limit, now, () => verifyPassword(user.passwordHash, password)));
  if (result === 'passed') return 'correct';
  return result === 'failed' ? 'wrong-password' : 'too-many-attempts';
}
