import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ConsentChannel } from '@/db/schema';

// The Keep receiving / Stop receiving links of the reconfirmation mail work without a login, so
// each carries its own proof: an HMAC over (action, account, channel, period). The period is the
// consent's last confirmation in milliseconds; a newer notice, a keep or a withdrawal moves or
// clears it, so a link does one thing once and dies with its period. The sweep signs links in SQL
// (db/consent-queries.ts) with the same key and message.

export type ConsentLinkAction = 'keep' | 'stop';
export type ConsentLink = { action: ConsentLinkAction; userId: string; channel: ConsentChannel; periodMs: number };

const TOKEN = /^(keep|stop)\.([0-9a-f-]{36})\.(email|sms)\.(\d{1,16})\.([0-9a-f]{64})$/;

/** The key for consent links, derived from AUTH_SECRET so it signs nothing else. */
export function consentLinkKey(authSecret: string): string {
  return createHmac('sha256', authSecret).update('marketing-consent-link').digest('hex');
}

/** What is signed; keep it equal to the SQL in db/consent-queries.ts. */
export function consentLinkMessage(link: ConsentLink): string {
  return `${link.action}.${link.userId}.${link.channel}.${link.periodMs}`;
}

export function signConsentLink(link: ConsentLink, key: string): string {
  const message = consentLinkMessage(link);
  return `${message}.${createHmac('sha256', key).update(message).digest('hex')}`;
}

/** The link's claims when its signature holds; null for anything else. Period checks are the caller's. */
export function parseConsentLink(token: string, key: string): ConsentLink | null {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const link: ConsentLink = { action: match[1] as ConsentLinkAction, userId: match[2], channel: match[3] as ConsentChannel, periodMs: Number(match[4]) };
  const expected = createHmac('sha256', key).update(consentLinkMessage(link)).digest();
  const given = Buffer.from(match[5], 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? link : null;
}
