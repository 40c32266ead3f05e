import 'server-only';
import type { Queryable } from '@/db';
import { privacyUsageNoticeBatch, reconfirmConsentBatch } from '@/db/consent-queries';
import {
  type DeletionKind,
  deleteExpiredAccountsBatch,
  deleteUnverifiedBatch,
  expirePasswordsBatch,
  makeDormantBatch,
  purgeBatch,
  warnDormancyBatch,
  warnInactivityDeletionBatch,
  type HmacKeys,
  type PurgeTarget,
  type SweepCursor,
} from '@/db/retention-queries';
import type { ConsentChannel } from '@/db/schema';
import type { Config } from '@/lib/config';
import { consentLinkKey } from '@/lib/consent/consent-link';
import { processingSettingsOf } from '@/lib/privacy/settings';
import { hmacKeysFor } from './hmac-keys';

const DAY_MS = 86_400_000;
const RATE_LIMIT_HIT_RETENTION_DAYS = 1;

/** Everything a batch needs, fixed for the whole run. */
export type SweepContext = {
  now: Date;
  batchSize: number;
  settings: Pick<
    Config,
    | 'APP_URL'
    | 'DEFAULT_LOCALE'
    | 'DORMANCY_DAYS'
    | 'DORMANCY_NOTICE_DAYS'
    | 'WITHDRAWAL_GRACE_DAYS'
    | 'DORMANT_PURGE_DAYS'
    | 'PASSWORD_MAX_AGE_DAYS'
    | 'UNVERIFIED_TTL_DAYS'
    | 'LOGIN_EVENT_RETENTION_DAYS'
    | 'ADMIN_AUDIT_RETENTION_DAYS'
    | 'MAIL_OUTBOX_RETENTION_DAYS'
    | 'SESSION_MAX_AGE_DAYS'
    | 'OPERATOR_NAME'
    | 'INACTIVITY_POLICY'
    | 'INACTIVITY_DELETE_DAYS'
    | 'MARKETING_CONSENT_RECONFIRM_DAYS'
    | 'PRIVACY_USAGE_NOTICE'
    | 'PRIVACY_USAGE_NOTICE_DAYS'
  >;
  hmac: HmacKeys;
  /** Signs the Keep / Stop links of the reconfirmation mail (lib/consent/consent-link.ts). */
  consentLinkKeys: HmacKeys;
};

export function sweepContext(input: { now: Date; batchSize: number; config: SweepContext['settings'] & { AUTH_SECRET: string } }): SweepContext {
  return {
    now: input.now,
    batchSize: input.batchSize,
    settings: input.config,
    hmac: hmacKeysFor(input.config.AUTH_SECRET),
    consentLinkKeys: hmacKeysFor(consentLinkKey(input.config.AUTH_SECRET)),
  };
}

export type BatchOutcome = { count: number; done: boolean; cursor?: SweepCursor | null };

export type SweepStep = {
  name: StepName;
  runBatch: (q: Queryable, context: SweepContext, cursor: SweepCursor | null) => Promise<BatchOutcome>;
};

// Unverified sign-ups go first: an address nobody proved must get no dormancy or password mail,
// even when missed runs let such an account age past those periods.
export const stepNames = [
  'unverifiedDeletion',
  'dormancyWarning',
  'dormancy',
  'inactiveDeletion',
  'withdrawnDeletion',
  'dormantDeletion',
  'passwordExpiry',
  'consentReconfirmEmail',
  'consentReconfirmSms',
  'privacyUsageNotice',
  'purgeAuthTokens',
  'purgeLoginEvents',
  'purgeRateLimitHits',
  'purgeAdminAudit',
  'purgeSentMail',
  'purgeSessions',
  'purgePhoneCodes',
  'purgeWebauthnChallenges',
] as const;

export type StepName = (typeof stepNames)[number];

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);
const daysAfter = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS);

function batchDone(count: number, context: SweepContext): BatchOutcome {
  return { count, done: count < context.batchSize };
}

function mailSettings(context: SweepContext) {
  return { appUrl: context.settings.APP_URL, defaultLocale: context.settings.DEFAULT_LOCALE, operatorName: context.settings.OPERATOR_NAME };
}

const NOTHING_TO_DO: BatchOutcome = { count: 0, done: true };

function purgeStep(name: StepName, target: PurgeTarget, retentionDays: (context: SweepContext) => number): SweepStep {
  return {
    name,
    runBatch: async (q, context, cursor) => {
      const result = await purgeBatch(q, {
        target,
        cutoff: daysBefore(context.now, retentionDays(context)),
        batchSize: context.batchSize,
        after: cursor,
      });
      return { count: result.count, done: result.count < context.batchSize, cursor: result.cursor };
    },
  };
}

/** Deletes withdrawn, dormant or inactive accounts whose period has run out, when the step applies. */
function deletionStep(
  name: StepName,
  kind: DeletionKind,
  periodDays: (context: SweepContext) => number,
  applies: (context: SweepContext) => boolean = () => true,
): SweepStep {
  return {
    name,
    runBatch: async (q, context) =>
      !applies(context)
        ? NOTHING_TO_DO
        : batchDone(
            await deleteExpiredAccountsBatch(q, {
              kind,
              cutoff: daysBefore(context.now, periodDays(context)),
              now: context.now,
              batchSize: context.batchSize,
              hmac: context.hmac,
              defaultLocale: context.settings.DEFAULT_LOCALE,
              warnedBefore: daysBefore(context.now, context.settings.DORMANCY_NOTICE_DAYS),
            }),
            context,
          ),
  };
}

/** The two-year reconfirmation of marketing consent, one channel at a time. */
function reconfirmStep(name: StepName, channel: ConsentChannel): SweepStep {
  return {
    name,
    runBatch: async (q, context) => {
      const periodDays = context.settings.MARKETING_CONSENT_RECONFIRM_DAYS;
      return batchDone(
        await reconfirmConsentBatch(q, {
          ...mailSettings(context),
          channel,
          cutoff: daysBefore(context.now, periodDays),
          now: context.now,
          validUntil: daysAfter(context.now, periodDays),
          batchSize: context.batchSize,
          linkKeys: context.consentLinkKeys,
        }),
        context,
      );
    },
  };
}

export const sweepSteps: readonly SweepStep[] = [
  {
    name: 'unverifiedDeletion',
    runBatch: async (q, context) =>
      batchDone(
        await deleteUnverifiedBatch(q, {
          cutoff: daysBefore(context.now, context.settings.UNVERIFIED_TTL_DAYS),
          batchSize: context.batchSize,
          hmac: context.hmac,
        }),
        context,
      ),
  },
  {
    name: 'dormancyWarning',
    runBatch: async (q, context, cursor) => {
      const { DORMANCY_DAYS, DORMANCY_NOTICE_DAYS, INACTIVITY_POLICY, INACTIVITY_DELETE_DAYS } = context.settings;
      if (INACTIVITY_POLICY === 'off') return NOTHING_TO_DO;
      const result =
        INACTIVITY_POLICY === 'delete'
          ? await warnInactivityDeletionBatch(q, {
              ...mailSettings(context),
              now: context.now,
              warnCutoff: daysBefore(context.now, INACTIVITY_DELETE_DAYS - DORMANCY_NOTICE_DAYS),
              deleteDays: INACTIVITY_DELETE_DAYS,
              noticeDays: DORMANCY_NOTICE_DAYS,
              batchSize: context.batchSize,
              after: cursor,
            })
          : await warnDormancyBatch(q, {
              ...mailSettings(context),
              warnCutoff: daysBefore(context.now, DORMANCY_DAYS - DORMANCY_NOTICE_DAYS),
              dormancyCutoff: daysBefore(context.now, DORMANCY_DAYS),
              dormancyDays: DORMANCY_DAYS,
              batchSize: context.batchSize,
              after: cursor,
            });
      return { count: result.count, done: result.count < context.batchSize, cursor: result.cursor };
    },
  },
  {
    name: 'dormancy',
    runBatch: async (q, context) =>
      context.settings.INACTIVITY_POLICY !== 'dormant'
        ? NOTHING_TO_DO
        : batchDone(
            await makeDormantBatch(q, {
              ...mailSettings(context),
              now: context.now,
              dormancyCutoff: daysBefore(context.now, context.settings.DORMANCY_DAYS),
              purgeDate: daysAfter(context.now, context.settings.DORMANT_PURGE_DAYS),
              batchSize: context.batchSize,
            }),
            context,
          ),
  },
  deletionStep(
    'inactiveDeletion',
    'inactive',
    (context) => context.settings.INACTIVITY_DELETE_DAYS,
    (context) => context.settings.INACTIVITY_POLICY === 'delete',
  ),
  deletionStep('withdrawnDeletion', 'withdrawn', (context) => context.settings.WITHDRAWAL_GRACE_DAYS),
  deletionStep('dormantDeletion', 'dormant', (context) => context.settings.DORMANT_PURGE_DAYS),
  {
    name: 'passwordExpiry',
    runBatch: async (q, context) => {
      const maxAgeDays = context.settings.PASSWORD_MAX_AGE_DAYS;
      if (maxAgeDays === 0) return { count: 0, done: true };
      return batchDone(
        await expirePasswordsBatch(q, {
          ...mailSettings(context),
          cutoff: daysBefore(context.now, maxAgeDays),
          maxAgeDays,
          batchSize: context.batchSize,
        }),
        context,
      );
    },
  },
  reconfirmStep('consentReconfirmEmail', 'email'),
  reconfirmStep('consentReconfirmSms', 'sms'),
  {
    name: 'privacyUsageNotice',
    runBatch: async (q, context) => {
      const { PRIVACY_USAGE_NOTICE, PRIVACY_USAGE_NOTICE_DAYS } = context.settings;
      if (!PRIVACY_USAGE_NOTICE) return NOTHING_TO_DO;
      return batchDone(
        await privacyUsageNoticeBatch(q, {
          ...mailSettings(context),
          cutoff: daysBefore(context.now, PRIVACY_USAGE_NOTICE_DAYS),
          now: context.now,
          batchSize: context.batchSize,
          settings: processingSettingsOf(context.settings),
        }),
        context,
      );
    },
  },
  // Used or expired tokens go at once: the cutoff is now itself.
  purgeStep('purgeAuthTokens', 'authTokens', () => 0),
  purgeStep('purgeLoginEvents', 'loginEvents', (context) => context.settings.LOGIN_EVENT_RETENTION_DAYS),
  purgeStep('purgeRateLimitHits', 'rateLimitHits', () => RATE_LIMIT_HIT_RETENTION_DAYS),
  purgeStep('purgeAdminAudit', 'adminAudit', (context) => context.settings.ADMIN_AUDIT_RETENTION_DAYS),
  purgeStep('purgeSentMail', 'sentMail', (context) => context.settings.MAIL_OUTBOX_RETENTION_DAYS),
  // A session unused for its whole lifetime has no cookie left that could open it (a day's margin
  // for last_seen_at being written only every few minutes); revoked ones go the same way.
  purgeStep('purgeSessions', 'sessions', (context) => context.settings.SESSION_MAX_AGE_DAYS + 1),
  purgeStep('purgePhoneCodes', 'phoneCodes', (context) => context.settings.LOGIN_EVENT_RETENTION_DAYS),
  // Passkey challenges live five minutes and are used once: used or expired ones go at once.
  purgeStep('purgeWebauthnChallenges', 'webauthnChallenges', () => 0),
];
