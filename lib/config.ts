import 'server-only';
import { z } from 'zod';
import { isTimeZone } from '@/lib/i18n/time-zone';
import { loadDevSecret } from './config/dev-secret';

/**
 * Every setting the product reads from the environment, validated once.
 * Periods the law or the product sets are named here with their defaults;
 * nothing else in the code hard-codes them.
 */
const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
    .optional()
    .transform((value) => (value === undefined ? fallback : ['1', 'true', 'on', 'yes'].includes(value)));
const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyAsUndefined, z.string().min(1).optional());
const postgresUrl = z.preprocess(
  emptyAsUndefined,
  z
    .string()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// or postgresql:// URL')
    .refine((value) => URL.canParse(value), 'is not a valid URL')
    .optional(),
);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  APP_NAME: z.string().min(1).default('Lifecycle'),
  APP_URL: z.url().default('http://localhost:3000'),
  /** The company behind the service, named as the sender in consent notices; APP_NAME when unset. */
  OPERATOR_NAME: optionalString,

  // Database: a postgres:// URL (possibly a transaction-mode pooler), or the embedded PGlite under PGLITE_DATA_DIR.
  DATABASE_URL: postgresUrl,
  // The direct (unpooled) connection for migrations, when DATABASE_URL goes through a pooler.
  DATABASE_URL_UNPOOLED: postgresUrl,
  // Named prepared statements: `auto` turns them off for a URL that says it is a transaction pooler.
  DATABASE_PREPARE: z.enum(['auto', 'on', 'off']).default('auto'),
  DATABASE_POOL_MAX: int(10, 1),
  PGLITE_DATA_DIR: z.string().min(1).default('.data/pglite'),
  PGLITE_SOCKET_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).optional()),

  AUTH_SECRET: optionalString,
  CRON_SECRET: optionalString,
  // How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the socket
  // address decides; see server.mjs). On Vercel its own header decides instead.
  TRUST_PROXY_HOPS: int(0).refine((value) => value <= 10, 'must be at most 10'),
  VERCEL: flag(false),
  // Production without RESEND_API_KEY refuses to start unless this is on: the local mailbox then
  // holds live sign-in links, and /dev/mailbox shows them to signed-in admins only.
  LOCAL_MAILBOX: flag(false),

  // Mail
  RESEND_API_KEY: optionalString,
  EMAIL_FROM: z.string().min(3).default('Lifecycle <no-reply@example.com>'),
  MAIL_MAX_ATTEMPTS: int(8, 1),
  MAIL_BATCH_SIZE: int(100, 1).refine((value) => value <= 100, 'Resend batches hold at most 100 mails'),
  MAIL_STUCK_MINUTES: int(10, 1),
  MAIL_OUTBOX_RETENTION_DAYS: int(30, 1),
  MAIL_SEND_TIMEOUT_MS: int(15_000, 1),
  MAIL_DRAIN_TIME_BUDGET_MS: int(50_000, 1),

  // SMS: SOLAPI when all three are set, else the local inbox at /dev/sms.
  SOLAPI_API_KEY: optionalString,
  SOLAPI_API_SECRET: optionalString,
  SMS_SENDER: optionalString,
  SOLAPI_BASE_URL: z.url().default('https://api.solapi.com'),
  LOCAL_SMS_INBOX: flag(false),
  PHONE_CODE_TTL_MINUTES: int(5, 1),
  PHONE_CODE_MAX_ATTEMPTS: int(5, 1),
  PHONE_CODE_FAILURE_WINDOW_HOURS: int(24, 1),
  SMS_COOLDOWN_SECONDS: int(60, 1),
  SMS_PER_NUMBER_PER_HOUR: int(3, 1),
  SMS_PER_NUMBER_PER_DAY: int(10, 1),
  SMS_PER_ACCOUNT_PER_DAY: int(10, 1),
  SMS_PER_IP_PER_HOUR: int(20, 1),
  SMS_DAILY_CAP: int(1_000, 1),
  SMS_ALLOWED_COUNTRIES: z
    .string()
    .default('KR')
    .transform((value) => value.split(',').map((code) => code.trim().toUpperCase()).filter(Boolean))
    .refine((codes) => codes.length > 0 && codes.every((code) => /^[A-Z]{2}$/.test(code)), 'must be a comma-separated list of two-letter country codes'),

  // Locale and time
  DEFAULT_LOCALE: z.enum(['en', 'ko']).default('en'),
  ADMIN_TIMEZONE: z.string().default('Asia/Seoul').refine(isTimeZone, 'is not an IANA time zone'),
  DEFAULT_PHONE_REGION: z.string().length(2).default('KR'),

  // Sign-in protection
  LOCKOUT_THRESHOLD: int(10, 1),
  LOCKOUT_MINUTES: int(15, 1),
  LOCKOUT_MAX_MINUTES: int(24 * 60, 1),
  IP_FAILURE_LIMIT: int(50, 1),
  IP_FAILURE_WINDOW_MINUTES: int(10, 1),
  IP_BLOCK_MINUTES: int(10, 1),
  PASSKEY_SIGN_IN_OPTIONS_PER_IP_PER_MINUTE: int(30, 1),
  EMAIL_SEND_PER_MINUTE: int(1, 1),
  EMAIL_SEND_PER_DAY: int(5, 1),
  EMAIL_CHANGE_PER_ACCOUNT_PER_DAY: int(5, 1),
  FRESH_SIGN_IN_MINUTES: int(10, 1),
  // Two-step sign-in (lib/two-step)
  TWO_STEP_ENCRYPTION_KEY: z.preprocess(emptyAsUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
  TWO_STEP_ENCRYPTION_KEY_PREVIOUS: optionalString,
  ADMIN_TWO_STEP_REQUIRED: flag(true),
  TWO_STEP_TICKET_MINUTES: int(5, 1),
  TWO_STEP_MAX_ATTEMPTS: int(5, 1),
  NEW_DEVICE_ALERTS: flag(true),
  DATA_EXPORT_PER_DAY: int(3, 1),
  REAUTH_FAILURE_LIMIT: int(5, 1),
  REAUTH_WINDOW_MINUTES: int(15, 1),
  SESSION_MAX_AGE_DAYS: int(30, 1),
  SESSION_RENEW_AFTER_HOURS: int(24, 1),

  // Social sign-in: each provider is on when its client id and secret are set.
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
  AUTH_KAKAO_ID: optionalString,
  AUTH_KAKAO_SECRET: optionalString,
  AUTH_NAVER_ID: optionalString,
  AUTH_NAVER_SECRET: optionalString,
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  AUTH_OIDC_ISSUER: z.preprocess(emptyAsUndefined, z.url().optional()),
  AUTH_OIDC_ID: optionalString,
  AUTH_OIDC_SECRET: optionalString,
  AUTH_OIDC_NAME: z.string().min(1).default('Company SSO'),
  SOCIAL_INTENT_TTL_MINUTES: int(10, 1),

  // Token lifetimes
  VERIFY_EMAIL_TTL_HOURS: int(24, 1),
  RESET_PASSWORD_TTL_MINUTES: int(60, 1),
  CHANGE_EMAIL_TTL_MINUTES: int(60, 1),
  REACTIVATION_CODE_TTL_MINUTES: int(10, 1),
  REACTIVATION_CODE_MAX_ATTEMPTS: int(5, 1),
  REACTIVATION_CODES_PER_DAY: int(5, 1),
  REACTIVATION_WRONG_CODES_PER_DAY: int(10, 1),
  RESTORE_TICKET_TTL_MINUTES: int(15, 1),

  // Retention (days unless named otherwise)
  DORMANCY_DAYS: int(365, 1),
  DORMANCY_NOTICE_DAYS: int(30, 0),
  WITHDRAWAL_GRACE_DAYS: int(60, 0),
  DORMANT_PURGE_DAYS: int(60, 0),
  PASSWORD_MAX_AGE_DAYS: int(60, 0),
  UNVERIFIED_TTL_DAYS: int(7, 1),
  LOGIN_EVENT_RETENTION_DAYS: int(365, 1),
  ADMIN_AUDIT_RETENTION_DAYS: int(365, 365),
  // 정보통신망법 시행령 제62조의3: at least every two years, so never more than 730.
  MARKETING_CONSENT_RECONFIRM_DAYS: int(730, 1).refine((value) => value <= 730, 'must be at most 730 (the law asks every two years)'),
  PRIVACY_USAGE_NOTICE: flag(false),
  PRIVACY_USAGE_NOTICE_DAYS: int(365, 1).refine((value) => value <= 365, 'must be at most 365 (the law asks once a year)'),
  INACTIVITY_POLICY: z.enum(['dormant', 'delete', 'off']).default('dormant'),
  INACTIVITY_DELETE_DAYS: int(1_095, 1),
  SWEEP_TIME_BUDGET_MS: int(240_000, 1),
  SWEEP_BATCH_SIZE: int(2_000, 1),
});

export type Config = Omit<z.infer<typeof configSchema>, 'OPERATOR_NAME'> & { AUTH_SECRET: string; OPERATOR_NAME: string };
export type InactivityPolicy = Config['INACTIVITY_POLICY'];

// A provider with half its credentials would fail only when someone tries it: refuse at startup.
const SOCIAL_CREDENTIAL_PAIRS = [
  ['AUTH_GOOGLE_ID', 'AUTH_GOOGLE_SECRET'],
  ['AUTH_KAKAO_ID', 'AUTH_KAKAO_SECRET'],
  ['AUTH_NAVER_ID', 'AUTH_NAVER_SECRET'],
  ['AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET'],
  ['AUTH_OIDC_ID', 'AUTH_OIDC_SECRET'],
] as const;

export class ConfigError extends Error {
  name = 'ConfigError';
}

/** Parses an environment into a Config, or throws a ConfigError whose message is one line. */
export function parseConfig(environment: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(environment);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue.path.join('.') || 'environment';
    throw new ConfigError(`Invalid configuration: ${variable} ${describe(issue)}`);
  }
  const values = parsed.data;
  if (values.DORMANCY_NOTICE_DAYS >= values.DORMANCY_DAYS) {
    throw new ConfigError('Invalid configuration: DORMANCY_NOTICE_DAYS must be smaller than DORMANCY_DAYS');
  }
  if (values.INACTIVITY_POLICY === 'delete' && values.DORMANCY_NOTICE_DAYS >= values.INACTIVITY_DELETE_DAYS) {
    throw new ConfigError('Invalid configuration: DORMANCY_NOTICE_DAYS must be smaller than INACTIVITY_DELETE_DAYS');
  }
  for (const [idKey, secretKey] of SOCIAL_CREDENTIAL_PAIRS) {
    if (Boolean(values[idKey]) !== Boolean(values[secretKey])) {
      throw new ConfigError(`Invalid configuration: ${values[idKey] ? secretKey : idKey} must be set together with ${values[idKey] ? idKey : secretKey}`);
    }
  }
  if (values.AUTH_OIDC_ID && !values.AUTH_OIDC_ISSUER) {
    throw new ConfigError('Invalid configuration: AUTH_OIDC_ISSUER must be set together with AUTH_OIDC_ID');
  }
  if (environment.TRUST_PROXY !== undefined) {
    throw new ConfigError('Invalid configuration: TRUST_PROXY is replaced by TRUST_PROXY_HOPS, the number of reverse proxies in front of the app (0 when none)');
  }
  if (values.NODE_ENV === 'production' && !values.RESEND_API_KEY && !values.LOCAL_MAILBOX) {
    throw new ConfigError(
      'Invalid configuration: RESEND_API_KEY is required in production (or set LOCAL_MAILBOX=on to keep mail in /dev/mailbox, shown to signed-in admins only)',
    );
  }
  let secret = values.AUTH_SECRET;
  if (!secret) {
    if (values.NODE_ENV === 'production') {
      throw new ConfigError('Invalid configuration: AUTH_SECRET is required in production (generate one with `openssl rand -base64 33`)');
    }
    secret = loadDevSecret('auth-secret');
  }
  checkSmsProvider(values);
  return { ...values, AUTH_SECRET: secret, OPERATOR_NAME: values.OPERATOR_NAME ?? values.APP_NAME };
}

const SOLAPI_VARIABLES = ['SOLAPI_API_KEY', 'SOLAPI_API_SECRET', 'SMS_SENDER'] as const;

// Half a SOLAPI setup would fail only when someone asks for a code; a production start with none
// would show every code at /dev/sms, so it needs the operator's explicit LOCAL_SMS_INBOX=on.
function checkSmsProvider(values: z.infer<typeof configSchema>) {
  const missing = SOLAPI_VARIABLES.filter((name) => !values[name]);
  if (missing.length && missing.length < SOLAPI_VARIABLES.length) {
    throw new ConfigError(`Invalid configuration: ${missing.join(', ')} must be set together with ${SOLAPI_VARIABLES.filter((name) => values[name]).join(', ')}`);
  }
  if (missing.length && values.NODE_ENV === 'production' && !values.LOCAL_SMS_INBOX) {
    throw new ConfigError(
      'Invalid configuration: set SOLAPI_API_KEY, SOLAPI_API_SECRET and SMS_SENDER to send SMS in production (or LOCAL_SMS_INBOX=on to keep codes in the admin-only /dev/sms)',
    );
  }
}

function describe(issue: z.core.$ZodIssue) {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  return issue.message.startsWith('must') || issue.message.startsWith('is') ? issue.message : `is invalid: ${issue.message}`;
}

let loaded: Config | undefined;

function loadedConfig(): Config {
  loaded ??= parseConfig(process.env);
  return loaded;
}

/**
 * The process's configuration: read from process.env on first use and kept, so `next build` never
 * needs runtime secrets. It reads, spreads (`{ ...config, ...overrides }`) and passes like the
 * plain object it stands for; a bad setting throws ConfigError at the first read.
 */
export const config: Config = new Proxy({} as Config, {
  get: (_target, key) => loadedConfig()[key as keyof Config],
  has: (_target, key) => key in loadedConfig(),
  ownKeys: () => Reflect.ownKeys(loadedConfig()),
  getOwnPropertyDescriptor: (_target, key) => Reflect.getOwnPropertyDescriptor(loadedConfig(), key),
});
