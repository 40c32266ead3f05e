import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb } from '@/db';
import { sessions } from '@/db/schema';
import { getCurrentSessionId } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { guardFailures } from '@/lib/rate-limit/rate-limit';
import { verifyTotpCode } from './authenticator';

// Step-up: a signed-in person proves it is still them with a current code (or a passkey, engineer
// B's PasskeyStepUp) instead of the password or a new sign-in. It is recorded on the session
// (sessions.reauthenticated_at) and counts as a fresh sign-in for FRESH_SIGN_IN_MINUTES.

/** Records a step-up on this session of this account. */
export async function recordStepUp(userId: string, sessionId: string, now: Date): Promise<void> {
  const db = await getDb();
  await db
    .update(sessions)
    .set({ reauthenticatedAt: now })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Whether this request's session stepped up within `maxMinutes`. */
export async function hasRecentStepUp(maxMinutes: number = config.FRESH_SIGN_IN_MINUTES, now: Date = new Date()): Promise<boolean> {
  const sessionId = await getCurrentSessionId();
  if (!sessionId) return false;
  const db = await getDb();
  const [row] = await db.select({ at: sessions.reauthenticatedAt }).from(sessions).where(eq(sessions.id, sessionId));
  if (!row?.at) return false;
  const age = now.getTime() - row.at.getTime();
  return age >= -60_000 && age <= maxMinutes * 60_000;
}

export type CodeCheck = 'correct' | 'wrong-code' | 'too-many-attempts';

/**
 * Checks a code typed by a signed-in person (step-up, Turn off). Wrong ones count with the wrong
 * current passwords of the sensitive forms (REAUTH_FAILURE_LIMIT in REAUTH_WINDOW_MINUTES), so a
 * stolen session cannot be used to guess codes.
 */
export async function checkCurrentCode(userId: string, code: string, now: Date): Promise<CodeCheck> {
  const db = await getDb();
  const limit = { max: config.REAUTH_FAILURE_LIMIT, windowMs: config.REAUTH_WINDOW_MINUTES * 60_000 };
  const result = await db.transaction((tx) => guardFailures(tx, `reauth:${userId}`, limit, now, () => verifyTotpCode(tx, userId, code, now)));
  return result === 'passed' ? 'correct' : result === 'failed' ? 'wrong-code' : 'too-many-attempts';
}

export type StepUpOutcome = { status: 'confirmed' } | { status: 'wrong-code' } | { status: 'too-many-attempts' } | { status: 'signed-out' };

/** Step-up with a current code of the account's authenticator app (replay refused as at sign-in). */
export async function stepUpWithCode(userId: string, code: string, now: Date): Promise<StepUpOutcome> {
  const sessionId = await getCurrentSessionId();
  if (!sessionId) return { status: 'signed-out' };
  const check = await checkCurrentCode(userId, code, now);
  if (check !== 'correct') return { status: check };
  await recordStepUp(userId, sessionId, now);
  return { status: 'confirmed' };
}
