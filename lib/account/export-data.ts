import 'server-only';
import { getDb } from '@/db';
import {
  findExportProfile,
  insertDataExport,
  listExportConsentEvents,
  listExportDownloads,
  listExportPasskeys,
  listExportLoginEvents,
  listExportMail,
  listExportProviders,
} from '@/db/data-export';
import type { User } from '@/db/schema';
import { listAllSessions } from '@/db/sessions';
import { isFreshSignIn } from '@/lib/auth/is-fresh-sign-in';
import { config } from '@/lib/config';
import { twoStepStatus } from '@/lib/two-step/status';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { takeRateLimit } from '@/lib/rate-limit/rate-limit';
import { ownerMailSettings, securityNoticeProps } from '@/lib/sessions/security-notice';
import { describeUserAgent } from '@/lib/sessions/user-agent';
import { checkCurrentPassword } from './current-password';

const DAY_MS = 86_400_000;
const LOGIN_EVENT_BATCH = 500;

export type DataExportRequest = {
  user: Pick<User, 'id' | 'email' | 'name' | 'locale' | 'timeZone' | 'passwordHash'>;
  /** Typed on the form; needed unless the session signed in within FRESH_SIGN_IN_MINUTES. */
  currentPassword: string | null;
  /** The session's sign-in time (seconds since epoch). */
  authTime: number;
  ip: string | null;
  userAgent: string | null;
  now: Date;
};

export type DataExportOutcome = { status: 'allowed' } | { status: 'wrong-password' } | { status: 'too-many-attempts' } | { status: 'stale-sign-in' } | { status: 'limit-reached' };

/**
 * Whether this person may download their data now: a fresh sign-in, or else their current password
 * (a social-only account then has to reauthenticate), and fewer than DATA_EXPORT_PER_DAY downloads in
 * 24 hours. An allowed export is recorded and mailed to the person in one transaction.
 */
export async function authorizeDataExport(request: DataExportRequest): Promise<DataExportOutcome> {
  const { user, now } = request;
  if (!isFreshSignIn(request.authTime, now, config.FRESH_SIGN_IN_MINUTES)) {
    if (!user.passwordHash) return { status: 'stale-sign-in' };
    const check = await checkCurrentPassword(user, request.currentPassword ?? '', now);
    if (check !== 'correct') return { status: check };
  }
  const db = await getDb();
  const allowed = await db.transaction(async (tx) => {
    if (!(await takeRateLimit(tx, `data-export:${user.id}`, [{ max: config.DATA_EXPORT_PER_DAY, windowMs: DAY_MS }], now))) return false;
    const exportId = await insertDataExport(tx, { userId: user.id, ip: request.ip, now });
    if (user.email) {
      await enqueueMail(tx, {
        to: user.email,
        template: 'data-exported',
        props: { ...securityNoticeProps(user, request), downloadedAt: now.toISOString() },
        ...ownerMailSettings(user),
        dedupeKey: `data-exported/${exportId}`,
      });
    }
    return true;
  });
  if (!allowed) return { status: 'limit-reached' };
  deliverSoon();
  return { status: 'allowed' };
}

/** `<app>-data-YYYY-MM-DD.json`, the date in the person's zone. */
export function dataExportFileName(now: Date, timeZone: string): string {
  const app = config.APP_NAME.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'account';
  const date = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return `${app}-data-${date}.json`;
}

/**
 * The person's data as JSON, streamed: the small sections first, then every kept sign-in event in
 * batches, so a long history never sits in memory whole.
 */
export function streamDataExport(userId: string, now: Date): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let beforeId: number | null = null;
  let stage: 'head' | 'events' | 'done' = 'head';
  let firstEvent = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const db = await getDb();
      if (stage === 'head') {
        const profile = await findExportProfile(db, userId);
        if (!profile) {
          controller.enqueue(encoder.encode('{}\n'));
          controller.close();
          stage = 'done';
          return;
        }
        const [consentEvents, providers, sessions, mail, downloads, twoStep, passkeys] = await Promise.all([
          listExportConsentEvents(db, userId),
          listExportProviders(db, userId),
          listAllSessions(db, userId),
          profile.email ? listExportMail(db, profile.email, profile.createdAt) : Promise.resolve([]),
          listExportDownloads(db, userId),
          twoStepStatus(db, userId),
          listExportPasskeys(db, userId),
        ]);
        const { marketingEmailConsentAt, marketingSmsConsentAt, marketingEmailConfirmedAt, marketingSmsConfirmedAt, status, createdAt, emailVerifiedAt, lastLoginAt, passwordChangedAt, passwordExpired, withdrawnAt, dormantAt, ...details } = profile;
        const head = {
          exportedAt: now.toISOString(),
          service: config.APP_NAME,
          profile: details,
          account: { status, createdAt, emailVerifiedAt, lastLoginAt, passwordChangedAt, passwordExpired, withdrawnAt, dormantAt },
          consents: {
            marketingEmail: marketingEmailConsentAt,
            marketingSms: marketingSmsConsentAt,
            marketingEmailLastConfirmedAt: marketingEmailConfirmedAt,
            marketingSmsLastConfirmedAt: marketingSmsConfirmedAt,
            events: consentEvents,
          },
          // What is on, never a secret or a code.
          twoStep: twoStep.on
            ? { status: 'on', authenticatorApp: twoStep.totp, passkeys: twoStep.passkeys, recoveryCodesLeft: twoStep.recoveryCodesLeft }
            : { status: 'off' },
          passkeys,
          connectedProviders: providers,
          sessions: sessions.map((session) => ({
            signedInAt: session.createdAt,
            lastActiveAt: session.lastSeenAt,
            method: session.method,
            ip: session.ip,
            userAgent: session.userAgent,
            ...describeUserAgent(session.userAgent),
            endedAt: session.revokedAt,
          })),
          mail,
          dataDownloads: downloads,
        };
        const json = JSON.stringify(head, null, 2);
        // Leave the object open for the sign-in events that follow.
        controller.enqueue(encoder.encode(`${json.slice(0, -2)},\n  "signInEvents": [`));
        stage = 'events';
        return;
      }
      if (stage === 'events') {
        const batch = await listExportLoginEvents(db, userId, beforeId, LOGIN_EVENT_BATCH);
        if (batch.length) {
          const rows = batch.map((event, index) => `${firstEvent && index === 0 ? '' : ','}\n    ${JSON.stringify({ ...event, id: undefined })}`);
          controller.enqueue(encoder.encode(rows.join('')));
          firstEvent = false;
          beforeId = batch[batch.length - 1].id;
        }
        if (batch.length < LOGIN_EVENT_BATCH) {
          controller.enqueue(encoder.encode('\n  ]\n}\n'));
          controller.close();
          stage = 'done';
        }
      }
    },
  });
}
