import 'server-only';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { authTokens, type AuthToken } from '@/db/schema';
import { generateToken, hashToken } from './tokens';

type Purpose = AuthToken['purpose'];

// What a link carries: 32 random bytes in base64url. Anything else is refused before the database.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function looksLikeToken(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

/**
 * A new single-use token for a user and purpose; only its SHA-256 is stored. Older tokens of the same
 * purpose stop working: the newest link is the only valid one.
 */
export async function issueAuthToken(
  q: Queryable,
  input: { userId: string; purpose: Purpose; ttlMs: number; now: Date },
): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
  const token = generateToken();
  const tokenHash = hashToken(token);
  const expiresAt = new Date(input.now.getTime() + input.ttlMs);
  await q.delete(authTokens).where(and(eq(authTokens.userId, input.userId), eq(authTokens.purpose, input.purpose), isNull(authTokens.usedAt)));
  await q.insert(authTokens).values({ userId: input.userId, purpose: input.purpose, tokenHash, expiresAt, createdAt: input.now });
  return { token, tokenHash, expiresAt };
}

/** What a new password voids: reset links, and an email change a thief with the session may have started. */
export const PASSWORD_CHANGE_VOIDS = ['reset_password', 'change_email'] as const satisfies readonly Purpose[];

/** What a new address voids: links that went to the old one, and any other pending change. */
export const EMAIL_CHANGE_VOIDS = ['reset_password', 'verify_email', 'change_email'] as const satisfies readonly Purpose[];

/**
 * Uses up every open token of these purposes for a user: what a security change (email, password)
 * does to the links sent before it, so none of them outlives the change.
 */
export async function voidAuthTokens(q: Queryable, userId: string, purposes: readonly Purpose[], now: Date): Promise<void> {
  await q
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, userId), inArray(authTokens.purpose, [...purposes]), isNull(authTokens.usedAt)));
}

/** The unused, unexpired token row for this token and purpose, or null. Reads only. */
export async function findLiveAuthToken(q: Queryable, token: string, purpose: Purpose, now: Date): Promise<AuthToken | null> {
  if (!looksLikeToken(token)) return null;
  const [row] = await q
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)));
  return row ?? null;
}

/**
 * Uses a token up, atomically: of two concurrent uses only one gets the user id. Null when the token
 * is unknown, already used, expired or for another purpose.
 */
export async function consumeAuthToken(q: Queryable, token: string, purpose: Purpose, now: Date): Promise<{ userId: string } | null> {
  if (!looksLikeToken(token)) return null;
  const [used] = await q
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
    .returning({ userId: authTokens.userId });
  return used ?? null;
}

/** The user a token was issued for, whatever its state (used, expired), or null when unknown. */
export async function findTokenOwner(q: Queryable, token: string, purpose: Purpose): Promise<{ userId: string; usedAt: Date | null } | null> {
  if (!looksLikeToken(token)) return null;
  const [row] = await q
    .select({ userId: authTokens.userId, usedAt: authTokens.usedAt })
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashToken(token)), eq(authTokens.purpose, purpose)));
  return row ?? null;
}
