import 'server-only';
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import { userTotp } from '@/db/schema';
import { countPasskeys } from '@/lib/passkeys/passkey-factor';
import { getTwoStepKeyring } from './keys';
import { mailOwner, resetUrl, securityUrl } from './mail';
import { issueRecoveryCodes } from './recovery-codes';
import { openSecret, sealSecret } from './secret-box';
import { createTotpSecret, matchTotpStep } from './totp';

// The authenticator app of an account. Set-up keeps a sealed secret with enabled_at null until a
// current code proves the app has it; only then does it count as a factor.

/** The secret waiting for its first code, or null when there is none (or the app is already on). */
export async function findPendingTotpSecret(userId: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select().from(userTotp).where(and(eq(userTotp.userId, userId), isNull(userTotp.enabledAt)));
  return row ? (openSecret(row.secretEncrypted, userId, getTwoStepKeyring())?.secret ?? null) : null;
}

export type TotpSetupStart = { status: 'pending'; secret: string } | { status: 'already-on' };

/** A new secret for set-up (replacing one still waiting for its code); an enabled app is left alone. */
export async function startTotpSetup(userId: string, now: Date): Promise<TotpSetupStart> {
  const db = await getDb();
  const secret = createTotpSecret();
  const sealed = sealSecret(secret, userId, getTwoStepKeyring().current);
  const rows = await db
    .insert(userTotp)
    .values({ userId, secretEncrypted: sealed, createdAt: now })
    .onConflictDoUpdate({ target: userTotp.userId, set: { secretEncrypted: sealed, createdAt: now, lastUsedStep: null }, setWhere: isNull(userTotp.enabledAt) })
    .returning({ userId: userTotp.userId });
  return rows.length ? { status: 'pending', secret } : { status: 'already-on' };
}

export type TotpSetupResult =
  | { status: 'enabled'; recoveryCodes: string[] | null }
  | { status: 'wrong-code' }
  | { status: 'no-setup' };

/**
 * Turns the app on once a current code from it is given. When this turns two-step on (no passkey
 * before), the first recovery codes are issued and "two-step verification is on" is mailed, all in
 * one transaction; the codes are returned to be shown once.
 */
export async function confirmTotpSetup(userId: string, code: string, now: Date): Promise<TotpSetupResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(userTotp).where(and(eq(userTotp.userId, userId), isNull(userTotp.enabledAt))).for('update');
    const secret = row ? openSecret(row.secretEncrypted, userId, getTwoStepKeyring())?.secret : undefined;
    if (!secret) return { status: 'no-setup' };
    const step = matchTotpStep(secret, code, now);
    if (step === null) return { status: 'wrong-code' };
    await tx.update(userTotp).set({ enabledAt: now, lastUsedStep: step }).where(eq(userTotp.userId, userId));
    if ((await countPasskeys(tx, userId)) > 0) return { status: 'enabled', recoveryCodes: null };
    const recoveryCodes = await issueRecoveryCodes(tx, userId, now);
    await mailOwner(tx, userId, 'two-step-on', (name) => ({ name, changedAt: now.toISOString(), securityUrl: securityUrl(), resetUrl: resetUrl() }), now.toISOString());
    return { status: 'enabled', recoveryCodes };
  });
}

/**
 * Whether `code` is a current code of the account's enabled app that was not accepted before. The
 * accepted step is recorded in the same UPDATE that checks it, so a code works once even when two
 * requests race (replay is refused per account, whatever the session). A secret sealed with a
 * previous key is sealed again with the current one.
 */
export async function verifyTotpCode(q: Queryable, userId: string, code: string, now: Date): Promise<boolean> {
  const [row] = await q.select().from(userTotp).where(and(eq(userTotp.userId, userId), isNotNull(userTotp.enabledAt)));
  if (!row) return false;
  const keyring = getTwoStepKeyring();
  const opened = openSecret(row.secretEncrypted, userId, keyring);
  if (!opened) {
    console.error(`two-step: the authenticator secret of ${userId} does not open with the configured keys (TWO_STEP_ENCRYPTION_KEY)`);
    return false;
  }
  const step = matchTotpStep(opened.secret, code, now);
  if (step === null) return false;
  const accepted = await q
    .update(userTotp)
    .set({ lastUsedStep: step, ...(opened.stale ? { secretEncrypted: sealSecret(opened.secret, userId, keyring.current) } : {}) })
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.enabledAt), or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step))))
    .returning({ userId: userTotp.userId });
  return accepted.length > 0;
}

/** Removes the app (enabled or waiting); whether one was on. */
export async function removeTotp(q: Queryable, userId: string): Promise<boolean> {
  const rows = await q.delete(userTotp).where(eq(userTotp.userId, userId)).returning({ enabledAt: userTotp.enabledAt });
  return rows.some((row) => row.enabledAt !== null);
}

/** verifyTotpCode on the app's database (the sign-in's second step). */
export async function checkSignInCode(userId: string, code: string, now: Date): Promise<boolean> {
  return verifyTotpCode(await getDb(), userId, code, now);
}
