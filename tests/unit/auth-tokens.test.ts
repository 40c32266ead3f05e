import { describe, expect, it } from 'vitest';
import { looksLikeToken } from '@/lib/auth/auth-tokens';
import { lockMinutes } from '@/lib/auth/lockout';
import { generateToken, hashToken } from '@/lib/auth/tokens';

describe('link tokens', () => {
  it('have the shape of 32 base64url bytes; anything else is refused before the database', () => {
    expect(looksLikeToken(generateToken())).toBe(true);
    expect(looksLikeToken('')).toBe(false);
    expect(looksLikeToken(generateToken().slice(1))).toBe(false);
    expect(looksLikeToken(`${generateToken().slice(1)}=`)).toBe(false);
    expect(looksLikeToken(`${generateToken()}' or 1=1`)).toBe(false);
  });

  it('are stored only as a hash from which the token cannot be read back', () => {
    const token = generateToken();
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(token)).toHaveLength(64);
  });
});

describe('lock durations', () => {
  it('start at LOCKOUT_MINUTES and double with each further lock, up to LOCKOUT_MAX_MINUTES', () => {
    // Defaults: 15 minutes, doubling, capped at 24 hours.
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(lockMinutes)).toEqual([15, 30, 60, 120, 240, 480, 960, 1440]);
    expect(lockMinutes(50)).toBe(1440);
    expect(lockMinutes(10_000)).toBe(1440);
  });
});
