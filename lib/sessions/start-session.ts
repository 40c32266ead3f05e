import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { getDb } from '@/db';
import { users, type Locale } from '@/db/schema';
import { insertSession, recordSignInDevice } from '@/db/sessions';
import { readSessionClaims, sessionAges } from '@/lib/auth/session-token';
import { SIGNED_IN_HINT_COOKIE } from '@/lib/auth/signed-in-hint';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { type ClientInfo, getClientInfo } from '@/lib/http/client-info';
import { cookieOptions } from '@/lib/http/cookie-options';
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE } from '@/lib/i18n/locale';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { ownerMailSettings, securityNoticeProps } from './security-notice';

/** A long-lived random id per browser (httpOnly); only its hash is stored, per account, to spot new devices. */
export const DEVICE_COOKIE = 'device_id';
// Browsers cap cookie lifetimes at 400 days.
const DEVICE_COOKIE_MAX_AGE = 400 * 86_400;

/** 'password', 'passkey', 'reactivation', 'restore' or a social provider's id. */
export type SessionMethod = string;

export type SessionStart = {
  userId: string;
  sessionVersion: number;
  method: SessionMethod;
  client: ClientInfo;
  /** This browser's device cookie. */
  device: string;
  /** The session this browser had until now, if any: it ends with the new one. */
  previousSessionId: string | null;
  now: Date;
};

/**
 * Opens the server-side record of a session about to be put in a cookie, and returns its id for the
 * token. Called once per sign-in: by openSession (lib/auth/open-session.ts) and, for a social
 * provider's, by Auth.js's jwt callback (auth.ts). The session this browser
 * had before (a password change, a reauthentication) ends with it. A browser that never signed in to
 * this account gets the "New sign-in" mail, except on the account's very first sign-in. The browser
 * gets the signed-in hint and the account's saved language as its locale cookie: pages are routed
 * by that cookie (proxy.ts), so the language chosen on another device applies from this sign-in.
 */
export async function startSession(input: { userId: string; sessionVersion: number; method: SessionMethod; now: Date }): Promise<string> {
  const [headerList, cookieStore, client] = await Promise.all([headers(), cookies(), getClientInfo()]);
  const previous = await readSessionClaims(headerList);
  const existingDevice = cookieStore.get(DEVICE_COOKIE)?.value;
  const device = existingDevice && /^[A-Za-z0-9_-]{43}$/.test(existingDevice) ? existingDevice : generateToken();
  const previousSessionId = previous?.userId === input.userId ? previous.sessionId : null;
  const { sessionId, locale } = await recordSessionStart({ ...input, client, device, previousSessionId });
  cookieStore.set(SIGNED_IN_HINT_COOKIE, '1', cookieOptions('/', sessionAges().maxAgeSeconds, { readableByScripts: true }));
  if (locale) cookieStore.set(LOCALE_COOKIE, locale, cookieOptions('/', LOCALE_COOKIE_MAX_AGE));
  if (device !== existingDevice) {
    cookieStore.set(DEVICE_COOKIE, device, cookieOptions('/', DEVICE_COOKIE_MAX_AGE));
  }
  return sessionId;
}

/**
 * The database side of startSession: the new session's id and the account's saved language. A
 * browser the account knows (most sign-ins) costs one statement; one new to it is recorded in a
 * transaction of its own with its alert mail, so that neither is ever kept without the other.
 */
export async function recordSessionStart(input: SessionStart): Promise<{ sessionId: string; locale: Locale | null }> {
  const { client } = input;
  const sessionId = randomUUID();
  const deviceHash = hashToken(input.device);
  const db = await getDb();
  const session = { id: sessionId, userId: input.userId, ip: client.ip, userAgent: client.userAgent, method: input.method, sessionVersion: input.sessionVersion, now: input.now };
  const { knownDevice, locale } = await insertSession(db, { ...session, endsSessionId: input.previousSessionId }, deviceHash);
  if (knownDevice) return { sessionId, locale };
  const alerted = await db.transaction(async (tx) => {
    const { newDevice, firstDevice } = await recordSignInDevice(tx, input.userId, deviceHash, input.now);
    if (!newDevice || firstDevice || !config.NEW_DEVICE_ALERTS) return false;
    const [owner] = await tx.select().from(users).where(eq(users.id, input.userId));
    if (!owner?.email) return false;
    await enqueueMail(tx, {
      to: owner.email,
      template: 'new-sign-in',
      props: { ...securityNoticeProps(owner, client), signedInAt: input.now.toISOString() },
      ...ownerMailSettings(owner),
      dedupeKey: `new-sign-in/${input.userId}/${deviceHash.slice(0, 32)}`,
    });
    return true;
  });
  if (alerted) deliverSoon();
  return { sessionId, locale };
}
