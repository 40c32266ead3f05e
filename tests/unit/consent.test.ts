import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { consentLinkKey, parseConsentLink, signConsentLink } from '@/lib/consent/consent-link';
import { senderName } from '@/lib/consent/sender';
import { composeMail } from '@/lib/mail/copy';

const link = { action: 'stop', userId: '00000000-0000-4000-8000-000000000001', channel: 'sms', periodMs: 1_780_000_000_000 } as const;

describe('consent settings', () => {
  it('default to the law: reconfirmation every 730 days, notice of use off, today\u2019s dormancy', () => {
    const config = parseConfig({ AUTH_SECRET: 'x', APP_NAME: 'Shop' });
    expect(config).toMatchObject({
      MARKETING_CONSENT_RECONFIRM_DAYS: 730,
      PRIVACY_USAGE_NOTICE: false,
      PRIVACY_USAGE_NOTICE_DAYS: 365,
      INACTIVITY_POLICY: 'dormant',
      INACTIVITY_DELETE_DAYS: 1095,
      OPERATOR_NAME: 'Shop',
    });
    expect(parseConfig({ AUTH_SECRET: 'x', OPERATOR_NAME: 'Shop Inc.' }).OPERATOR_NAME).toBe('Shop Inc.');
  });

  it('refuse periods the law does not allow, and a deletion warning longer than the period', () => {
    expect(() => parseConfig({ AUTH_SECRET: 'x', MARKETING_CONSENT_RECONFIRM_DAYS: '731' })).toThrow(/MARKETING_CONSENT_RECONFIRM_DAYS must be at most 730/);
    expect(() => parseConfig({ AUTH_SECRET: 'x', PRIVACY_USAGE_NOTICE_DAYS: '400' })).toThrow(/PRIVACY_USAGE_NOTICE_DAYS must be at most 365/);
    expect(() => parseConfig({ AUTH_SECRET: 'x', INACTIVITY_POLICY: 'archive' })).toThrow(/INACTIVITY_POLICY/);
    expect(() => parseConfig({ AUTH_SECRET: 'x', INACTIVITY_POLICY: 'delete', INACTIVITY_DELETE_DAYS: '30' })).toThrow(
      'Invalid configuration: DORMANCY_NOTICE_DAYS must be smaller than INACTIVITY_DELETE_DAYS',
    );
  });
});

describe('consent links', () => {
  const key = consentLinkKey('secret');

  it('carry their claims and are refused when any part is changed or signed with another key', () => {
    const token = signConsentLink(link, key);
    expect(parseConsentLink(token, key)).toEqual(link);
    expect(parseConsentLink(token, consentLinkKey('other'))).toBeNull();
    expect(parseConsentLink(token.replace('stop.', 'keep.'), key)).toBeNull();
    expect(parseConsentLink(token.replace('.sms.', '.email.'), key)).toBeNull();
    expect(parseConsentLink(token.replace(String(link.periodMs), String(link.periodMs + 1)), key)).toBeNull();
    expect(parseConsentLink(`${token}0`, key)).toBeNull();
    expect(parseConsentLink('', key)).toBeNull();
  });
});

describe('consent mail copy', () => {
  it('names the sender once when the operator and the service share a name', () => {
    expect(senderName('Shop', 'Shop')).toBe('Shop');
    expect(senderName('Shop Inc.', 'Shop')).toBe('Shop Inc. (Shop)');
  });

  it('tells each channel\u2019s change and leaves out the channel that did not change', () => {
    const props = { name: null, operatorName: 'Shop Inc.', changedAt: '2026-03-05T06:00:00.000Z', marketingEmail: 'withdrawn', marketingSms: 'unchanged' } as const;
    const { element } = composeMail('consent-changed', props, 'en', { appName: 'Shop', timeZone: 'Asia/Seoul' });
    expect(element.copy.emailLine).toBe('By email: you withdrew your consent. You will no longer receive marketing this way.');
    expect(element.copy.smsLine).toBe('');
    expect(element.copy.sender).toBe('Sender: Shop Inc. (Shop)');
    const korean = composeMail('consent-changed', props, 'ko', { appName: 'Shop', timeZone: 'Asia/Seoul' }).element;
    expect(korean.copy.emailLine).toBe('이메일: 수신 동의를 철회하셨어요. 앞으로 이 방법으로는 광고성 정보를 보내지 않습니다.');
  });

  it('tells in the withdrawal mail which consent ended with the account, and nothing when none did', () => {
    const base = { name: null, withdrawnAt: '2026-03-05T06:00:00.000Z', deletionDate: '2026-05-04T06:00:00.000Z', loginUrl: 'http://x/login' };
    const ended = composeMail('withdrawal-confirmed', { ...base, marketingEmail: 'withdrawn', marketingSms: 'withdrawn' }, 'en', { appName: 'Shop', timeZone: 'UTC' });
    expect(ended.element.copy.consent).toContain('no more marketing by email or text message');
    expect(composeMail('withdrawal-confirmed', base, 'en', { appName: 'Shop', timeZone: 'UTC' }).element.copy.consent).toBe('');
  });
});
