import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { restoreDormantAccount } from '@/db/reactivation-queries';
import { authTokens, dormantAccounts, users } from '@/db/schema';
import { verifyPassword } from '@/lib/auth/password-hash';
import { generateCode, generateToken, hashToken, safeEqual } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { countHits, guardFailures, takeRateLimit } from '@/lib/rate-limit/rate-limit';
import { reactivationCodeHash } from './reactivation-code';

// A reactivation is one auth_tokens row (purpose 'reactivate'): token_hash holds the SHA-256 of the
// ticket kept in the person's `reactivation` cookie (it says who is reactivating), code_hash the
// keyed hash of the 6-digit code sent to the dormant address (it proves they read that mail),
// attempts counts wrong codes. A new start replaces the old row; the sweep purges used/expired ones.
// Per account and 24 hours, at most REACTIVATION_CODES_PER_DAY codes are mailed and
// REACTIVATION_WRONG_CODES_PER_DAY wrong codes accepted across all of them (rate_limit_hits), so
// logging in again for a fresh code does not buy fresh guesses.

const DAY = 24 * 60 * 60_000;
const codesSentKey = (userId: string) => `reactivation:codes:${userId}`;
const wrongCodesKey = (userId: string) => `reactivation:wrong-codes:${userId}`;

export type ReactivationOutcome =
  | { status: 'reactivated'; userId: string }
  | { status: 'wrong-code'; attemptsLeft: number }
  | { status: 'expired' }
  | { status: 'too-many-attempts' }
  | { status: 'too-many-wrong-codes-today' }
  | { status: 'invalid' };

/** Limited: no code sent today, because of the codes already sent or the wrong codes already typed. */
export type ReactivationLimit = 'codes' | 'wrong-codes';
export type StartReactivationOutcome = { status: 'sent'; ticket: string } | { status: 'limited'; limit: ReactivationLimit };

function codeHashFor(userId: string, code: string): string {
  return reactivationCodeHash(config.AUTH_SECRET, userId, code);
}

/**
 * The dormant account with this address and password, or null. Takes as long for an unknown
 * address as for a known one. Call it when no active account has the address.
 */
export async function checkDormantCredentials(email: string, password: string): Promise<{ userId: string } | null> {
  const db = await getDb();
  const [account] = await db
    .select({ userId: dormantAccounts.userId, passwordHash: dormantAccounts.passwordHash })
    .from(dormantAccounts)
    .innerJoin(users, eq(users.id, dormantAccounts.userId))
    .where(and(eq(dormantAccounts.email, email.trim().toLowerCase()), eq(users.status, 'dormant')))
    .limit(1);
  const valid = await verifyPassword(account?.passwordHash ?? null, password);
  return valid && account ? { userId: account.userId } : null;
}

/**
 * Sends a fresh code to the dormant address (older codes stop working) and returns the ticket for
 * the `reactivation` cookie; 'limited', sending nothing and leaving the last code as it is, once the
 * account had its codes or its wrong codes for the day. Throws when the account is not dormant:
 * callers only start a reactivation right after checkDormantCredentials said it is.
 */
export async function startReactivation(input: { userId: string; now: Date }): Promise<StartReactivationOutcome> {
  const db = await getDb();
  const ticket = generateToken();
  const code = generateCode();
  const expiresAt = new Date(input.now.getTime() + config.REACTIVATION_CODE_TTL_MINUTES * 60_000);
  const limit = await db.transaction(async (tx): Promise<ReactivationLimit | null> => {
    const [account] = await tx
      .select({ email: dormantAccounts.email, name: dormantAccounts.name, locale: users.locale, timeZone: users.timeZone })
      .from(dormantAccounts)
      .innerJoin(users, eq(users.id, dormantAccounts.userId))
      .where(and(eq(dormantAccounts.userId, input.userId), eq(users.status, 'dormant')))
      .for('update', { of: users });
    if (!account) throw new Error(`startReactivation: account ${input.userId} is not dormant`);
    if ((await countHits(tx, wrongCodesKey(input.userId), DAY, input.now)) >= config.REACTIVATION_WRONG_CODES_PER_DAY) return 'wrong-codes';
    if (!(await takeRateLimit(tx, codesSentKey(input.userId), [{ max: config.REACTIVATION_CODES_PER_DAY, windowMs: DAY }], input.now))) return 'codes';
    await tx.delete(authTokens).where(and(eq(authTokens.userId, input.userId), eq(authTokens.purpose, 'reactivate')));
    const [token] = await tx
      .insert(authTokens)
      .values({ userId: input.userId, purpose: 'reactivate', tokenHash: hashToken(ticket), codeHash: codeHashFor(input.userId, code), expiresAt })
      .returning({ id: authTokens.id });
    await enqueueMail(tx, {
      to: account.email,
      template: 'reactivation-code',
      props: { name: account.name, code, expiresAt: expiresAt.toISOString() },
      locale: account.locale ?? config.DEFAULT_LOCALE,
      timeZone: account.timeZone,
      dedupeKey: `reactivation-code/${token.id}`,
    });
    return null;
  });
  if (limit) return { status: 'limited', limit };
  deliverSoon();
  return { status: 'sent', ticket };
}

/** Checks the code for the ticket and, when right, gives the account its data back and makes it active. */
export async function completeReactivation(input: { ticket: string; code: string; now: Date }): Promise<ReactivationOutcome> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<ReactivationOutcome> => {
    const [token] = await tx
      .select()
      .from(authTokens)
      .where(and(eq(authTokens.tokenHash, hashToken(input.ticket)), eq(authTokens.purpose, 'reactivate')))
      .for('update');
    if (!token || token.usedAt || !token.codeHash) return { status: 'invalid' };
    if (token.expiresAt.getTime() <= input.now.getTime()) return { status: 'expired' };
    const maxAttempts = config.REACTIVATION_CODE_MAX_ATTEMPTS;
    if (token.attempts >= maxAttempts) return { status: 'too-many-attempts' };

    const wrongCodes = { max: config.REACTIVATION_WRONG_CODES_PER_DAY, windowMs: DAY };
    const codeHash = token.codeHash;
    const attempt = await guardFailures(tx, wrongCodesKey(token.userId), wrongCodes, input.now, async () =>
      safeEqual(codeHash, codeHashFor(token.userId, input.code.trim())),
    );
    if (attempt === 'limited') return { status: 'too-many-wrong-codes-today' };
    if (attempt === 'failed') {
      const attempts = token.attempts + 1;
      await tx.update(authTokens).set({ attempts }).where(eq(authTokens.id, token.id));
      const leftToday = wrongCodes.max - (await countHits(tx, wrongCodesKey(token.userId), wrongCodes.windowMs, input.now));
      if (leftToday <= 0) return { status: 'too-many-wrong-codes-today' };
      if (attempts >= maxAttempts) return { status: 'too-many-attempts' };
      return { status: 'wrong-code', attemptsLeft: Math.min(maxAttempts - attempts, leftToday) };
    }

    if (!(await restoreDormantAccount(tx, { userId: token.userId, now: input.now }))) return { status: 'invalid' };
    await tx.update(authTokens).set({ usedAt: input.now }).where(eq(authTokens.id, token.id));
    return { status: 'reactivated', userId: token.userId };
  });
}
