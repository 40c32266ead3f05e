import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Table and column names are a contract with operators' SQL and the admin pages: add, never rename.

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => timestamptz('created_at').notNull().defaultNow();

export const userRoles = ['user', 'admin'] as const;
export const userStatuses = ['active', 'dormant', 'withdrawn'] as const;
export const locales = ['en', 'ko'] as const;
export const sweepRunStatuses = ['running', 'finished', 'partial', 'failed', 'skipped'] as const;

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Lowercased; NULL while the account is dormant (the address lives in dormant_accounts). */
    email: text('email'),
    name: text('name'),
    /** E.164; set through /account/phone. NULL while dormant (kept in dormant_accounts). */
    phone: text('phone'),
    /** When the person proved the number by SMS code; a verified number belongs to one account. */
    phoneVerifiedAt: timestamptz('phone_verified_at'),
    /** NULL for accounts that only sign in through a provider. */
    passwordHash: text('password_hash'),
    role: text('role', { enum: userRoles }).notNull().default('user'),
    status: text('status', { enum: userStatuses }).notNull().default('active'),
    locale: text('locale', { enum: locales }),
    timeZone: text('time_zone'),
    emailVerifiedAt: timestamptz('email_verified_at'),
    createdAt: createdAt(),
    lastLoginAt: timestamptz('last_login_at'),
    passwordChangedAt: timestamptz('password_changed_at'),
    passwordExpired: boolean('password_expired').notNull().default(false),
    withdrawnAt: timestamptz('withdrawn_at'),
    withdrawalReason: text('withdrawal_reason'),
    dormantAt: timestamptz('dormant_at'),
    /** Start of the inactivity period a dormancy warning was sent for (one warning per period). */
    dormancyWarnedAt: timestamptz('dormancy_warned_at'),
    sessionVersion: integer('session_version').notNull().default(1),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lockedUntil: timestamptz('locked_until'),
    lockCount: integer('lock_count').notNull().default(0),
    marketingEmailConsentAt: timestamptz('marketing_email_consent_at'),
    marketingSmsConsentAt: timestamptz('marketing_sms_consent_at'),
    /** Last confirmation of a consent in force: its grant, or the last two-year reconfirmation notice. */
    marketingEmailConfirmedAt: timestamptz('marketing_email_confirmed_at'),
    marketingSmsConfirmedAt: timestamptz('marketing_sms_confirmed_at'),
    /** When the yearly notice of use last went out (PRIVACY_USAGE_NOTICE). */
    privacyNoticeSentAt: timestamptz('privacy_notice_sent_at'),
    /** When the warning before deletion for inactivity went out (INACTIVITY_POLICY=delete). */
    inactivityWarningSentAt: timestamptz('inactivity_warning_sent_at'),
  },
  (table) => [
    uniqueIndex('users_email_key').on(table.email).where(sql`${table.email} is not null`),
    uniqueIndex('users_verified_phone_key').on(table.phone).where(sql`${table.phoneVerifiedAt} is not null`),
    index('users_status_last_login_idx').on(table.status, table.lastLoginAt),
    index('users_status_withdrawn_at_idx').on(table.withdrawnAt).where(sql`${table.status} = 'withdrawn'`),
    index('users_status_dormant_at_idx').on(table.dormantAt).where(sql`${table.status} = 'dormant'`),
    index('users_unverified_created_idx').on(table.createdAt).where(sql`${table.emailVerifiedAt} is null`),
    index('users_email_pattern_idx').on(table.email.op('text_pattern_ops')),
    // The retention sweep walks active accounts by last activity (login, else sign-up) and by password age.
    index('users_active_last_activity_idx')
      .on(sql`coalesce(${table.lastLoginAt}, ${table.createdAt})`, table.id)
      .where(sql`${table.status} = 'active'`),
    index('users_password_age_idx')
      .on(sql`coalesce(${table.passwordChangedAt}, ${table.createdAt})`)
      .where(sql`${table.status} = 'active' and ${table.passwordExpired} = false and ${table.passwordHash} is not null`),
    // The reconfirmation step walks consents in force by their last confirmation, per channel.
    index('users_marketing_email_confirmed_idx')
      .on(table.marketingEmailConfirmedAt, table.id)
      .where(sql`${table.marketingEmailConsentAt} is not null and ${table.status} = 'active'`),
    index('users_marketing_sms_confirmed_idx')
      .on(table.marketingSmsConfirmedAt, table.id)
      .where(sql`${table.marketingSmsConsentAt} is not null and ${table.status} = 'active'`),
    index('users_privacy_notice_idx')
      .on(sql`coalesce(${table.privacyNoticeSentAt}, ${table.createdAt})`, table.id)
      .where(sql`${table.status} = 'active'`),
    check('users_role_check', sql`${table.role} in ('user', 'admin')`),
    check('users_status_check', sql`${table.status} in ('active', 'dormant', 'withdrawn')`),
  ],
);

export const dormantAccounts = pgTable(
  'dormant_accounts',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name'),
    phone: text('phone'),
    phoneVerifiedAt: timestamptz('phone_verified_at'),
    passwordHash: text('password_hash'),
    movedAt: timestamptz('moved_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('dormant_accounts_email_key').on(table.email),
    index('dormant_accounts_email_pattern_idx').on(table.email.op('text_pattern_ops')),
    uniqueIndex('dormant_accounts_verified_phone_key').on(table.phone).where(sql`${table.phoneVerifiedAt} is not null`),
  ],
);

export const tokenPurposes = ['verify_email', 'reset_password', 'change_email', 'reactivate', 'restore', 'two_step'] as const;

export const authTokens = pgTable(
  'auth_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: tokenPurposes }).notNull(),
    /** SHA-256 of the token, hex; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    newEmail: text('new_email'),
    /** Where a pending two-step sign-in goes once the second factor is given (purpose two_step). */
    redirectTo: text('redirect_to'),
    /** Keyed hash of the short code sent by mail with this token (reactivation); the ticket is in token_hash. */
    codeHash: text('code_hash'),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('auth_tokens_token_hash_key').on(table.tokenHash),
    index('auth_tokens_user_purpose_idx').on(table.userId, table.purpose),
    index('auth_tokens_expires_at_idx').on(table.expiresAt),
    index('auth_tokens_used_at_idx').on(table.usedAt).where(sql`${table.usedAt} is not null`),
  ],
);

export const loginEvents = pgTable(
  'login_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** As typed, normalised (trimmed, lowercased); a keyed hash once the account is deleted. */
    email: text('email'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    success: boolean('success').notNull(),
    reason: text('reason').notNull(),
    /** 'credentials' or the social provider's id. */
    provider: text('provider').notNull().default('credentials'),
    createdAt: createdAt(),
  },
  (table) => [
    index('login_events_created_idx').on(table.createdAt.desc(), table.id.desc()),
    index('login_events_email_created_idx').on(table.email, table.createdAt.desc(), table.id.desc()),
    index('login_events_ip_created_idx').on(table.ip, table.createdAt.desc(), table.id.desc()),
    index('login_events_user_created_idx').on(table.userId, table.createdAt.desc(), table.id.desc()),
    index('login_events_reason_created_idx').on(table.reason, table.createdAt.desc(), table.id.desc()),
    // Admin log viewer: the outcome filter, and email prefixes (byte-wise order, whatever the collation).
    index('login_events_success_created_idx').on(table.success, table.createdAt.desc(), table.id.desc()),
    index('login_events_email_pattern_created_idx').on(table.email.op('text_pattern_ops'), table.createdAt.desc(), table.id.desc()),
  ],
);

export const consentChannels = ['email', 'sms'] as const;
/**
 * Where a consent event came from. 'reconfirmation' is the two-year notice going out with the
 * consent still in force (granted = true); 'dormancy' ends consent when an account turns dormant.
 */
export const consentSources = ['account', 'signup', 'link', 'withdrawal', 'dormancy', 'admin', 'reconfirmation', 'phone_removed'] as const;

/**
 * Every grant and withdrawal of marketing consent, kept so consent can be proven later
 * (users.marketing_*_consent_at holds only the current state).
 */
export const consentEvents = pgTable(
  'consent_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: consentChannels }).notNull(),
    granted: boolean('granted').notNull(),
    source: text('source', { enum: consentSources }).notNull().default('account'),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (table) => [
    index('consent_events_user_created_idx').on(table.userId, table.createdAt.desc()),
    check('consent_events_channel_check', sql`${table.channel} in ('email', 'sms')`),
  ],
);

export const mailStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export const outboxChannels = ['email', 'sms'] as const;

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'email' (to_address is an address) or 'sms' (to_address is an E.164 number); one delivery loop for both. */
    channel: text('channel', { enum: outboxChannels }).notNull().default('email'),
    toAddress: text('to_address').notNull(),
    template: text('template').notNull(),
    /** Template props; cleared once sent, because links carry live tokens. */
    props: jsonb('props').$type<Record<string, unknown> | null>(),
    locale: text('locale', { enum: locales }).notNull().default('en'),
    /** The recipient's time zone for dates in the mail; NULL: ADMIN_TIMEZONE. */
    timeZone: text('time_zone'),
    status: text('status', { enum: mailStatuses }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull().defaultNow(),
    claimedAt: timestamptz('claimed_at'),
    lastError: text('last_error'),
    providerId: text('provider_id'),
    /**
     * Idempotency-Key of the request that carries this mail, set when it is first claimed. Mails
     * sharing a key went out in one batch and are retried together with the same key, so a retry
     * after a crash or timeout never sends twice.
     */
    idempotencyKey: text('idempotency_key'),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: createdAt(),
    sentAt: timestamptz('sent_at'),
  },
  (table) => [
    uniqueIndex('mail_outbox_dedupe_key_key').on(table.dedupeKey),
    index('mail_outbox_due_idx').on(table.nextAttemptAt).where(sql`${table.status} in ('pending', 'sending')`),
    index('mail_outbox_status_idx').on(table.status, table.createdAt),
    index('mail_outbox_channel_status_idx').on(table.channel, table.status),
    index('mail_outbox_idempotency_key_idx').on(table.idempotencyKey).where(sql`${table.status} in ('pending', 'sending')`),
    check('mail_outbox_status_check', sql`${table.status} in ('pending', 'sending', 'sent', 'failed')`),
    check('mail_outbox_channel_check', sql`${table.channel} in ('email', 'sms')`),
  ],
);

/**
 * Codes sent to prove a phone number (/account/phone). Only a keyed hash of the code is kept. A row
 * is written for a taken number too (number_taken, no SMS): the attempt is logged, the answer is the same.
 */
export const phoneCodes = pgTable(
  'phone_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    numberTaken: boolean('number_taken').notNull().default(false),
    ip: text('ip'),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
    createdAt: createdAt(),
  },
  (table) => [
    index('phone_codes_user_created_idx').on(table.userId, table.createdAt.desc()),
    index('phone_codes_expires_at_idx').on(table.expiresAt),
  ],
);

/** SMS delivered by the local transport (no SOLAPI credentials), shown at /dev/sms. */
export const devSmsInbox = pgTable(
  'dev_sms_inbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toNumber: text('to_number').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('dev_sms_inbox_created_idx').on(table.createdAt.desc())],
);

/** Mail delivered by the local transport (no RESEND_API_KEY), shown at /dev/mailbox. */
export const devMailbox = pgTable(
  'dev_mailbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('dev_mailbox_created_idx').on(table.createdAt.desc())],
);

export const sweepRuns = pgTable('sweep_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  startedAt: timestamptz('started_at').notNull().defaultNow(),
  finishedAt: timestamptz('finished_at'),
  status: text('status', { enum: sweepRunStatuses }).notNull(),
  counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
  trigger: text('trigger'),
  error: text('error'),
});

/** Leases that keep a job to one runner at a time, even behind transaction poolers. */
export const jobLeases = pgTable('job_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: timestamptz('expires_at').notNull(),
});

/** Events counted by database-backed rate limits (per address, per IP, ...). */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index('rate_limit_hits_key_created_idx').on(table.key, table.createdAt),
    index('rate_limit_hits_created_idx').on(table.createdAt),
  ],
);

export const adminAudit = pgTable(
  'admin_audit',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    adminId: uuid('admin_id').references(() => users.id, { onDelete: 'set null' }),
    adminEmail: text('admin_email'),
    action: text('action').notNull(),
    target: text('target'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (table) => [
    index('admin_audit_created_idx').on(table.createdAt.desc(), table.id.desc()),
    index('admin_audit_admin_created_idx').on(table.adminId, table.createdAt.desc()),
    index('admin_audit_action_created_idx').on(table.action, table.createdAt.desc(), table.id.desc()),
    index('admin_audit_email_created_idx').on(table.adminEmail, table.createdAt.desc(), table.id.desc()),
  ],
);

/** Provider accounts linked to users (the shape of the Auth.js drizzle adapter). */
export const accounts = pgTable(
  'accounts',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refreshToken: text('refresh_token'),
    accessToken: text('access_token'),
    expiresAt: integer('expires_at'),
    tokenType: text('token_type'),
    scope: text('scope'),
    idToken: text('id_token'),
    sessionState: text('session_state'),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.provider, table.providerAccountId] }),
    index('accounts_user_idx').on(table.userId),
    // One account per provider and person: "unlink Google" must name exactly one row.
    uniqueIndex('accounts_user_provider_key').on(table.userId, table.provider),
  ],
);

/**
 * One row per signed-in session (the JWT carries its id): lets a person see and end one session,
 * and getCurrentUser refuse a revoked one. session_version is the account's at sign-in, so a bump
 * ("end everything") ends the rows too without touching them.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    /** Written at most once every few minutes per session, not on every request. */
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** 'password', 'passkey', 'reactivation', 'restore' or a social provider's id. */
    method: text('method').notNull(),
    sessionVersion: integer('session_version').notNull(),
    revokedAt: timestamptz('revoked_at'),
    /** The last step-up (a current code or passkey given while signed in): counts as a fresh sign-in. */
    reauthenticatedAt: timestamptz('reauthenticated_at'),
  },
  (table) => [index('sessions_user_last_seen_idx').on(table.userId, table.lastSeenAt.desc()), index('sessions_last_seen_idx').on(table.lastSeenAt)],
);

/** Browsers that have signed in to an account (hash of their long-lived device cookie), for new-device alerts. */
export const knownDevices = pgTable(
  'known_devices',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the device cookie; the cookie itself is never stored. */
    deviceHash: text('device_hash').notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.deviceHash] })],
);

/** Every "Download my data" a person made (the count per day is limited; each one is mailed). */
export const dataExports = pgTable(
  'data_exports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (table) => [index('data_exports_user_created_idx').on(table.userId, table.createdAt.desc())],
);

/**
 * The authenticator app (TOTP, RFC 6238) of an account: at most one. The secret is sealed with
 * AES-256-GCM (lib/two-step/secret-box.ts); enabled_at is null while set-up waits for a first code.
 * last_used_step is the time step of the last accepted code: a code of that step or earlier is refused.
 */
export const userTotp = pgTable('user_totp', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretEncrypted: text('secret_encrypted').notNull(),
  enabledAt: timestamptz('enabled_at'),
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: createdAt(),
});

/** Single-use recovery codes, stored as a keyed hash; a new set voids the old one (used_at). */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
    usedAt: timestamptz('used_at'),
  },
  (table) => [index('recovery_codes_user_idx').on(table.userId), uniqueIndex('recovery_codes_user_hash_key').on(table.userId, table.codeHash)],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type AuthToken = typeof authTokens.$inferSelect;
export type LoginEvent = typeof loginEvents.$inferSelect;
export type ConsentEvent = typeof consentEvents.$inferSelect;
export type ConsentChannel = (typeof consentChannels)[number];
export type ConsentSource = (typeof consentSources)[number];
export type Account = typeof accounts.$inferSelect;
export type MailOutboxRow = typeof mailOutbox.$inferSelect;
export type DevMailboxMessage = typeof devMailbox.$inferSelect;
export type DevSmsMessage = typeof devSmsInbox.$inferSelect;
export type OutboxChannel = (typeof outboxChannels)[number];
export type SweepRun = typeof sweepRuns.$inferSelect;
export type SweepRunStatus = SweepRun['status'];
export type UserRole = User['role'];
export type UserStatus = User['status'];
export type Session = typeof sessions.$inferSelect;
export type UserTotp = typeof userTotp.$inferSelect;
export type Locale = (typeof locales)[number];

/**
 * Passkeys (WebAuthn credentials) a person registered: a second factor and a way in without a
 * password. Kept through dormancy (a credential, not contact data), deleted with the account.
 */
export const passkeys = pgTable(
  'passkeys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The credential id as the browser gives it (base64url). */
    credentialId: text('credential_id').notNull(),
    /** COSE public key, base64url. */
    publicKey: text('public_key').notNull(),
    /** The authenticator's signature counter at its last use (0 for authenticators that keep none). */
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default(sql`'{}'::text[]`),
    /** 'singleDevice' or 'multiDevice' (synced), as the authenticator said at registration. */
    deviceType: text('device_type').notNull(),
    backedUp: boolean('backed_up').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamptz('last_used_at'),
  },
  (table) => [uniqueIndex('passkeys_credential_id_key').on(table.credentialId), index('passkeys_user_idx').on(table.userId)],
);

export const webauthnPurposes = ['register', 'sign_in', 'second_factor', 'step_up'] as const;

/**
 * WebAuthn challenges handed to a browser: only their SHA-256 is kept, each used once and within
 * five minutes; the retention sweep purges used and expired ones. user_id is null for a
 * passwordless sign-in, which does not know the person yet.
 */
export const webauthnChallenges = pgTable(
  'webauthn_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeHash: text('challenge_hash').notNull(),
    purpose: text('purpose', { enum: webauthnPurposes }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamptz('expires_at').notNull(),
    usedAt: timestamptz('used_at'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('webauthn_challenges_hash_key').on(table.challengeHash), index('webauthn_challenges_expires_at_idx').on(table.expiresAt)],
);

export type Passkey = typeof passkeys.$inferSelect;
export type WebauthnPurpose = (typeof webauthnPurposes)[number];
