import 'server-only';
import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { Queryable } from './index';
import { accounts, consentEvents, dataExports, loginEvents, mailOutbox, passkeys, users } from './schema';

// What "Download my data" reads, column by column: never a hash, a token, mail props (links) or a
// row of someone else. Each select names its columns so a new secret column stays out by default.

export async function findExportProfile(q: Queryable, userId: string) {
  const [row] = await q
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      phone: users.phone,
      phoneVerifiedAt: users.phoneVerifiedAt,
      role: users.role,
      status: users.status,
      locale: users.locale,
      timeZone: users.timeZone,
      hasPassword: users.passwordHash,
      createdAt: users.createdAt,
      emailVerifiedAt: users.emailVerifiedAt,
      lastLoginAt: users.lastLoginAt,
      passwordChangedAt: users.passwordChangedAt,
      passwordExpired: users.passwordExpired,
      withdrawnAt: users.withdrawnAt,
      dormantAt: users.dormantAt,
      marketingEmailConsentAt: users.marketingEmailConsentAt,
      marketingSmsConsentAt: users.marketingSmsConsentAt,
      marketingEmailConfirmedAt: users.marketingEmailConfirmedAt,
      marketingSmsConfirmedAt: users.marketingSmsConfirmedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  // Only whether a password is set leaves this function, never the hash.
  return row ? { ...row, hasPassword: row.hasPassword !== null } : null;
}

export function listExportConsentEvents(q: Queryable, userId: string) {
  return q
    .select({ channel: consentEvents.channel, granted: consentEvents.granted, source: consentEvents.source, ip: consentEvents.ip, at: consentEvents.createdAt })
    .from(consentEvents)
    .where(eq(consentEvents.userId, userId))
    .orderBy(asc(consentEvents.createdAt), asc(consentEvents.id));
}

export function listExportProviders(q: Queryable, userId: string) {
  return q.select({ provider: accounts.provider, connectedAt: accounts.createdAt }).from(accounts).where(eq(accounts.userId, userId)).orderBy(asc(accounts.createdAt));
}

/** Mail to the person's address since the account exists (not what an earlier holder of the address got). */
export function listExportMail(q: Queryable, address: string, since: Date) {
  return q
    .select({ template: mailOutbox.template, createdAt: mailOutbox.createdAt, status: mailOutbox.status, sentAt: mailOutbox.sentAt })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, address), gte(mailOutbox.createdAt, since)))
    .orderBy(desc(mailOutbox.createdAt));
}

/** The person's passkeys by name and dates: never the credential id or the public key. */
export function listExportPasskeys(q: Queryable, userId: string) {
  return q
    .select({ name: passkeys.name, addedAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}

export function listExportDownloads(q: Queryable, userId: string) {
  return q.select({ at: dataExports.createdAt, ip: dataExports.ip }).from(dataExports).where(eq(dataExports.userId, userId)).orderBy(desc(dataExports.createdAt));
}

/** One batch of the person's sign-in events, newest first, below `beforeId` (keyset on the id). */
export function listExportLoginEvents(q: Queryable, userId: string, beforeId: number | null, limit: number) {
  return q
    .select({
      id: loginEvents.id,
      at: loginEvents.createdAt,
      success: loginEvents.success,
      reason: loginEvents.reason,
      provider: loginEvents.provider,
      ip: loginEvents.ip,
      userAgent: loginEvents.userAgent,
    })
    .from(loginEvents)
    .where(beforeId === null ? eq(loginEvents.userId, userId) : and(eq(loginEvents.userId, userId), lt(loginEvents.id, beforeId)))
    .orderBy(desc(loginEvents.id))
    .limit(limit);
}

/** Records one download; its id. */
export async function insertDataExport(q: Queryable, input: { userId: string; ip: string | null; now: Date }): Promise<number> {
  const [row] = await q.insert(dataExports).values({ userId: input.userId, ip: input.ip, createdAt: input.now }).returning({ id: dataExports.id });
  return row.id;
}
