import 'server-only';
import { randomInt } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import { twoStepStatus } from './status';
import { recoveryCodes } from '@/db/schema';
import { keyedHash } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { mailOwner, resetUrl, securityUrl } from './mail';

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base 32 without look-alikes (no I, L, O, U): 10 characters carry 50 bits.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

function randomCode(): string {
  const characters = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${characters.slice(0, 5).join('')}-${characters.slice(5).join('')}`;
}

/** A code as typed (any case, spaces, with or without the dash, o for 0, i/l for 1) in its stored form, or null. */
export function normaliseRecoveryCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const code = `${compact.slice(0, 5)}-${compact.slice(5)}`;
  return compact.length === 10 && CODE_SHAPE.test(code) ? code : null;
}

// Keyed, so a copy of the table alone cannot be searched for the codes' 50 bits.
function hashRecoveryCode(code: string): string {
  return keyedHash(`recovery-code:${config.AUTH_SECRET}`, code);
}

/**
 * Voids the account's unused codes and returns RECOVERY_CODE_COUNT fresh ones (shown once, stored
 * only hashed), with the "recovery codes generated" mail, in the caller's transaction.
 */
export async function issueRecoveryCodes(q: Queryable, userId: string, now: Date): Promise<string[]> {
  await q.update(recoveryCodes).set({ usedAt: now }).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) codes.add(randomCode());
  await q.insert(recoveryCodes).values([...codes].map((code) => ({ userId, codeHash: hashRecoveryCode(code), createdAt: now })));
  await mailOwner(q, userId, 'recovery-codes-generated', (name) => ({ name, changedAt: now.toISOString(), securityUrl: securityUrl(), resetUrl: resetUrl() }), now.toISOString());
  return [...codes];
}

export type RecoveryCodeUse = { status: 'used'; codesLeft: number } | { status: 'invalid' };

/**
 * Uses one recovery code up (one UPDATE, so a code works once however many requests race) and
 * queues the "recovery code used" mail with how many are left, in the caller's transaction.
 */
export async function redeemRecoveryCode(q: Queryable, userId: string, typed: string, now: Date): Promise<RecoveryCodeUse> {
  const code = normaliseRecoveryCode(typed);
  if (!code) return { status: 'invalid' };
  const [used] = await q
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  if (!used) return { status: 'invalid' };
  const left = await q.select({ id: recoveryCodes.id }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  await mailOwner(
    q,
    userId,
    'recovery-code-used',
    (name) => ({ name, usedAt: now.toISOString(), codesLeft: left.length, securityUrl: securityUrl(), resetUrl: resetUrl() }),
    used.id,
  );
  return { status: 'used', codesLeft: left.length };
}

/** Voids every unused code (two-step turned off). */
export async function voidRecoveryCodes(q: Queryable, userId: string, now: Date): Promise<void> {
  await q.update(recoveryCodes).set({ usedAt: now }).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
}

/** Generate new codes: null when two-step is off (codes come with it). */
export async function regenerateRecoveryCodes(userId: string, now: Date): Promise<string[] | null> {
  const db = await getDb();
  return db.transaction(async (tx) => ((await twoStepStatus(tx, userId)).on ? issueRecoveryCodes(tx, userId, now) : null));
}

/** A recovery code given as the sign-in's second step: used up, with its mail, in one transaction. */
export async function redeemSignInRecoveryCode(userId: string, typed: string, now: Date): Promise<RecoveryCodeUse> {
  const db = await getDb();
  return db.transaction((tx) => redeemRecoveryCode(tx, userId, typed, now));
}
