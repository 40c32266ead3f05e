import { describe, expect, it } from 'vitest';
import { generateCode, generateToken, hashToken, keyedHash, safeEqual } from '@/lib/auth/tokens';

describe('tokens', () => {
  it('are 32 random bytes in base64url, different each time', () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(generateToken()).not.toBe(token);
  });

  it('are stored as a SHA-256 hex hash that changes with any character', () => {
    const token = generateToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).not.toBe(hashToken(token));
  });

  it('codes have six digits', () => {
    for (let i = 0; i < 50; i++) expect(generateCode()).toMatch(/^\d{6}$/);
  });

  it('keyed hashes depend on the key', () => {
    expect(keyedHash('a', 'x@example.com')).not.toBe(keyedHash('b', 'x@example.com'));
  });

  it('compares secrets exactly', () => {
    expect(safeEqual('secret', 'secret')).toBe(true);
    expect(safeEqual('secret', 'secreT')).toBe(false);
    expect(safeEqual('secret', 'secret-longer')).toBe(false);
  });
});
