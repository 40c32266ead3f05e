import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, pickLocale } from '@/lib/i18n/locale';

describe('locale choice', () => {
  it('prefers the saved choice, then the cookie, then Accept-Language, then the default', () => {
    expect(pickLocale({ saved: 'ko', cookie: 'en', acceptLanguage: 'en', fallback: 'en' })).toBe('ko');
    expect(pickLocale({ saved: null, cookie: 'ko', acceptLanguage: 'en', fallback: 'en' })).toBe('ko');
    expect(pickLocale({ cookie: 'fr', acceptLanguage: 'ko-KR,ko;q=0.9,en;q=0.8', fallback: 'en' })).toBe('ko');
    expect(pickLocale({ acceptLanguage: 'fr-FR', fallback: 'en' })).toBe('en');
  });

  it('ranks Accept-Language by quality', () => {
    expect(localeFromAcceptLanguage('en;q=0.5, ko;q=0.9')).toBe('ko');
    expect(localeFromAcceptLanguage('de, en-US;q=0.7')).toBe('en');
    expect(localeFromAcceptLanguage('ko;q=0')).toBeUndefined();
  });
});
