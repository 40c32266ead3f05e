import { describe, expect, it } from 'vitest';
import { formatPhone, verifiablePhoneSchema } from '@/lib/validation/phone';

describe('phone numbers as typed', () => {
  const schema = (region: string) => verifiablePhoneSchema(region, ['KR', 'US']);

  it('stores numbers as E.164, reading local ones in the default region', () => {
    expect(schema('KR').parse('010-1234-5678')).toBe('+821012345678');
    expect(schema('KR').parse(' +82 10 1234 5678 ')).toBe('+821012345678');
    expect(schema('KR').parse('+1 415 555 2671')).toBe('+14155552671');
    expect(schema('US').parse('(415) 555-2671')).toBe('+14155552671');
  });
});

describe('verifiablePhoneSchema', () => {
  const koreaOnly = verifiablePhoneSchema('KR', ['KR']);
  const messageOf = (input: string) => koreaOnly.safeParse(input).error?.issues[0].message;

  it('accepts numbers of an allowed country as E.164', () => {
    expect(koreaOnly.parse('010-1234-5678')).toBe('+821012345678');
    expect(koreaOnly.parse('+82 10 1234 5678')).toBe('+821012345678');
    expect(verifiablePhoneSchema('KR', ['KR', 'US']).parse('+1 415 555 2671')).toBe('+14155552671');
  });

  it('says which rule a number breaks: required, invalid, or a country codes are not sent to', () => {
    expect(messageOf('')).toBe('phone.errors.required');
    expect(messageOf('12')).toBe('phone.errors.invalid');
    expect(messageOf('1'.repeat(41))).toBe('phone.errors.invalid');
    expect(messageOf('+1 415 555 2671')).toBe('phone.errors.country');
  });

  it('shows numbers of the default region in the national form', () => {
    expect(formatPhone('+821012345678', 'KR')).toBe('010-1234-5678');
    expect(formatPhone('+14155552671', 'KR')).toBe('+1 415 555 2671');
  });
});
