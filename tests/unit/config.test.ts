import { describe, expect, it } from 'vitest';
import { config, parseConfig } from '@/lib/config';

describe('configuration', () => {
  it('reads and spreads like the object it loads on first use', () => {
    const loaded = parseConfig(process.env);
    expect(config.APP_URL).toBe(loaded.APP_URL);
    expect('DORMANCY_DAYS' in config).toBe(true);
    expect({ ...config, DORMANCY_DAYS: 1 }).toEqual({ ...loaded, DORMANCY_DAYS: 1 });
  });

  it('gives every retention period its default', () => {
    const config = parseConfig({ AUTH_SECRET: 'x' });
    expect(config.DORMANCY_DAYS).toBe(365);
    expect(config.DORMANCY_NOTICE_DAYS).toBe(30);
    expect(config.WITHDRAWAL_GRACE_DAYS).toBe(60);
    expect(config.DORMANT_PURGE_DAYS).toBe(60);
    expect(config.PASSWORD_MAX_AGE_DAYS).toBe(60);
    expect(config.UNVERIFIED_TTL_DAYS).toBe(7);
    expect(config.LOGIN_EVENT_RETENTION_DAYS).toBe(365);
    expect(config.LOCKOUT_THRESHOLD).toBe(10);
    expect(config.MAIL_MAX_ATTEMPTS).toBe(8);
  });

  it('names the variable and the problem in one line for a bad value', () => {
    expect(() => parseConfig({ AUTH_SECRET: 'x', LOCKOUT_THRESHOLD: 'ten' })).toThrow(/^Invalid configuration: LOCKOUT_THRESHOLD /);
    expect(() => parseConfig({ AUTH_SECRET: 'x', DATABASE_URL: 'mysql://x' })).toThrow(
      'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL',
    );
    expect(() => parseConfig({ AUTH_SECRET: 'x', ADMIN_TIMEZONE: 'Mars/Base' })).toThrow(/ADMIN_TIMEZONE is not an IANA time zone/);
  });

  it('requires AUTH_SECRET in production', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', LOCAL_MAILBOX: 'on' })).toThrow(/AUTH_SECRET is required in production/);
  });

  it('reads flags and numbers from strings', () => {
    const config = parseConfig({ AUTH_SECRET: 'x', LOCAL_MAILBOX: 'off', TRUST_PROXY_HOPS: '2', PASSWORD_MAX_AGE_DAYS: '0' });
    expect(config.LOCAL_MAILBOX).toBe(false);
    expect(config.TRUST_PROXY_HOPS).toBe(2);
    expect(config.PASSWORD_MAX_AGE_DAYS).toBe(0);
  });

  it('refuses a production start without a mail provider unless the local mailbox is chosen', () => {
    expect(() => parseConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x' })).toThrow(
      /^Invalid configuration: RESEND_API_KEY is required in production \(or set LOCAL_MAILBOX=on/,
    );
    expect(parseConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x', LOCAL_MAILBOX: 'on', LOCAL_SMS_INBOX: 'on' }).LOCAL_MAILBOX).toBe(true);
    expect(parseConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x', RESEND_API_KEY: 're_x', LOCAL_SMS_INBOX: 'on' }).RESEND_API_KEY).toBe('re_x');
    expect(parseConfig({ AUTH_SECRET: 'x' }).RESEND_API_KEY).toBeUndefined();
  });

  it('points an operator still setting TRUST_PROXY to TRUST_PROXY_HOPS', () => {
    expect(() => parseConfig({ AUTH_SECRET: 'x', TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY is replaced by TRUST_PROXY_HOPS/);
    expect(parseConfig({ AUTH_SECRET: 'x' }).TRUST_PROXY_HOPS).toBe(0);
  });

  describe('SMS provider', () => {
    const production = { NODE_ENV: 'production', AUTH_SECRET: 'x', RESEND_API_KEY: 're_x' } as const;
    const solapi = { SOLAPI_API_KEY: 'key', SOLAPI_API_SECRET: 'secret', SMS_SENDER: '0212345678' };

    it('stops a production start without SOLAPI in one line naming what to set, unless LOCAL_SMS_INBOX=on', () => {
      expect(() => parseConfig(production)).toThrow(/^Invalid configuration: set SOLAPI_API_KEY, SOLAPI_API_SECRET and SMS_SENDER .*LOCAL_SMS_INBOX=on/);
      expect(parseConfig({ ...production, LOCAL_SMS_INBOX: 'on' }).LOCAL_SMS_INBOX).toBe(true);
      expect(parseConfig({ ...production, ...solapi }).SOLAPI_BASE_URL).toBe('https://api.solapi.com');
      expect(() => parseConfig({ AUTH_SECRET: 'x' })).not.toThrow();
    });

    it('names what is missing when only some SOLAPI variables are set', () => {
      expect(() => parseConfig({ AUTH_SECRET: 'x', SOLAPI_API_KEY: 'key' })).toThrow(
        'Invalid configuration: SOLAPI_API_SECRET, SMS_SENDER must be set together with SOLAPI_API_KEY',
      );
      expect(() => parseConfig({ ...production, LOCAL_SMS_INBOX: 'on', SOLAPI_API_KEY: 'key', SMS_SENDER: '0212345678' })).toThrow(
        'Invalid configuration: SOLAPI_API_SECRET must be set together with SOLAPI_API_KEY, SMS_SENDER',
      );
    });

    it('gives the SMS limits their defaults and reads the allowed countries as a list', () => {
      const config = parseConfig({ AUTH_SECRET: 'x', SMS_ALLOWED_COUNTRIES: 'kr, jp' });
      expect(config.SMS_ALLOWED_COUNTRIES).toEqual(['KR', 'JP']);
      expect(parseConfig({ AUTH_SECRET: 'x' })).toMatchObject({
        SMS_ALLOWED_COUNTRIES: ['KR'],
        SMS_DAILY_CAP: 1000,
        SMS_PER_NUMBER_PER_HOUR: 3,
        SMS_PER_NUMBER_PER_DAY: 10,
        SMS_PER_ACCOUNT_PER_DAY: 10,
        SMS_PER_IP_PER_HOUR: 20,
        SMS_COOLDOWN_SECONDS: 60,
        PHONE_CODE_TTL_MINUTES: 5,
        PHONE_CODE_MAX_ATTEMPTS: 5,
      });
      expect(() => parseConfig({ AUTH_SECRET: 'x', SMS_ALLOWED_COUNTRIES: 'Korea' })).toThrow(/^Invalid configuration: SMS_ALLOWED_COUNTRIES must be/);
    });
  });
});
