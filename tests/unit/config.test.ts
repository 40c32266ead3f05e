import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';

describe('configuration', () => {
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
    expect(parseConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x', LOCAL_MAILBOX: 'on' }).LOCAL_MAILBOX).toBe(true);
    expect(parseConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x', RESEND_API_KEY: 're_x' }).RESEND_API_KEY).toBe('re_x');
    expect(parseConfig({ AUTH_SECRET: 'x' }).RESEND_API_KEY).toBeUndefined();
  });

  it('points an operator still setting TRUST_PROXY to TRUST_PROXY_HOPS', () => {
    expect(() => parseConfig({ AUTH_SECRET: 'x', TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY is replaced by TRUST_PROXY_HOPS/);
    expect(parseConfig({ AUTH_SECRET: 'x' }).TRUST_PROXY_HOPS).toBe(0);
  });
});
