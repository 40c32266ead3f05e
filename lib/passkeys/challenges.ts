import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { webauthnChallenges, type WebauthnPurpose } from '@/db/schema';
import { generateToken, hashToken } from '@/lib/auth/tokens';

/** How long a browser has to answer a WebAuthn challenge (the issue: five minutes). */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * A fresh challenge for one ceremony (32 random bytes, base64url, which is also how WebAuthn sends
 * it back). Only its hash is stored, with the purpose and, when known, the person it is for.
 */
export async function issueChallenge(q: Queryable, input: { purpose: WebauthnPurpose; userId: string | null; now: Date }): Promise<string> {
  const challenge = generateToken();
  await q.insert(webauthnChallenges).values({
    challengeHash: hashToken(challenge),
    purpose: input.purpose,
    userId: input.userId,
    expiresAt: new Date(input.now.getTime() + CHALLENGE_TTL_MS),
    createdAt: input.now,
  });
  return challenge;
}

/**
 * Uses a challenge up, atomically: true once for a live challenge of this purpose and person, then
 * never again. A challenge issued for nobody (passwordless sign-in) matches only `userId: null`.
 */
export async function consumeChallenge(q: Queryable, input: { challenge: string; purpose: WebauthnPurpose; userId: string | null; now: Date }): Promise<boolean> {
  const [used] = await q
    .update(webauthnChallenges)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(webauthnChallenges.challengeHash, hashToken(input.challenge)),
        eq(webauthnChallenges.purpose, input.purpose),
        input.userId === null ? isNull(webauthnChallenges.userId) : eq(webauthnChallenges.userId, input.userId),
        isNull(webauthnChallenges.usedAt),
        gt(webauthnChallenges.expiresAt, input.now),
      ),
    )
    .returning({ id: webauthnChallenges.id });
  return Boolean(used);
}

/**
 * The challenge as the bytes the library sends: it base64url-encodes bytes (a string it would take
 * as UTF-8 text), so the browser echoes back exactly the string that was hashed.
 */
export function challengeBytes(challenge: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.from(challenge, 'base64url'));
}

/** The challenge a WebAuthn response answers (from its clientDataJSON), or null when it carries none. */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const data: unknown = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8'));
    const challenge = data && typeof data === 'object' && 'challenge' in data ? data.challenge : null;
    return typeof challenge === 'string' && challenge.length > 0 && challenge.length <= 200 ? challenge : null;
  } catch {
    return null;
  }
}
