import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { insertSession, type OpenedAccount, recordSignInDevice } from '@/db/sessions';
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
  method: SessionMethod;
  client: ClientInfo;
  /** This browser's device cookie. */
  device: string;
  /** The session this browser had until now, if any: it ends with the new one. */
  previousSessionId: string | null;
  now: Date;
};

/**
 * Opens the server-side record of a session about to be put in a cookie, if the account is active at
 * that moment, and returns its id and what the token needs of the account (null, and nothing done,
 * for an account withdrawn or gone dormant since it was let in). Called once per sign-in: by
 * openSession (lib/auth/open-session.ts) and, for a social provider's, by Auth.js's jwt callback
 * (auth.ts). The session this browser had before (a password change, a reauthentication) ends with
 * it. A browser that never signed in to this account gets the "New sign-in" mail, except on the
 * account's very first sign-in. The browser gets the signed-in hint and the account's saved language
 * as its locale cookie: pages are routed by that cookie (proxy.ts), so the language chosen on another
 * device applies from this sign-in.
 */
export async function startSession(input: { userId: string; method: SessionMethod; now: Date }): Promise<StartedSession | null> {
  const [headerList, cookieStore, client] = await Promise.all([headers(), cookies(), getClientInfo()]);
  const previous = await readSessionClaims(headerList);
  const existingDevice = cookieStore.get(DEVICE_COOKIE)?.value;
  const device = existingDevice && /^[A-Za-z0-9_-]{43}$/.test(existingDevice) ? existingDevice : generateToken();
  const previousSessionId = previous?.userId === input.userId ? previous.sessionId : null;
  const started = await recordSessionStart({ ...input, client, device, previousSessionId });
  if (!started) return null;
  cookieStore.set(SIGNED_IN_HINT_COOKIE, '1', cookieOptions('/', sessionAges().maxAgeSeconds, { readableByScripts: true }));
  if (started.account.locale) cookieStore.set(LOCALE_COOKIE, started.account.locale, cookieOptions('/', LOCALE_COOKIE_MAX_AGE));
  if (device !== existingDevice) {
    cookieStore.set(DEVICE_COOKIE, device, cookieOptions('/', DEVICE_COOKIE_MAX_AGE));
  }
  return started;
}

export type StartedSession = { sessionId: string; account: OpenedAccount };

/**
 * The database side of startSession: the new session's id and what the token needs of the account,
 * or null when the account is not active. A browser the account knows (most sign-ins) costs one
 * statement; one new to it is recorded in a transaction of its own with its alert mail, so that
 * neither is ever kept without the other.
 */
export async function recordSessionStart(input: SessionStart): Promise<StartedSession | null> {
  const { client } = input;
  const sessionId = randomUUID();
  const deviceHash = hashToken(input.device);
  const db = await getDb();
  const session = { id: sessionId, userId: input.userId, ip: client.ip, userAgent: client.userAgent, method: input.method, now: input.now };
  const opened = await insertSession(db, { ...session, endsSessionId: input.previousSessionId }, deviceHash);
  if (!opened) return null;
  const { knownDevice, account } = opened;
  if (knownDevice) return { sessionId, account };
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
  return { sessionId, account };
}
