import { describe, expect, it } from 'vitest';
import { decodeSocialIntent, encodeSocialIntent } from '@/lib/auth/social/intent';

const secret = 'unit-test-secret';
const now = new Date('2025-03-01T10:00:00Z');
const later = new Date(now.getTime() + 10 * 60_000);
const intent = { purpose: 'link' as const, userId: '6d3c0f9e-1a2b-4c5d-8e9f-0a1b2c3d4e5f', provider: 'google' };

describe('social intent cookie', () => {
  it('reads back what was written, until it expires', () => {
    const value = encodeSocialIntent(intent, secret, later);
    expect(decodeSocialIntent(value, secret, now)).toEqual(intent);
    expect(decodeSocialIntent(value, secret, later)).toBeNull();
  });

  it('is unique per start even for the same person and provider', () => {
    expect(encodeSocialIntent(intent, secret, later)).not.toBe(encodeSocialIntent(intent, secret, later));
  });

  it('refuses a forged, edited or foreign value', () => {
    const value = encodeSocialIntent(intent, secret, later);
    const [body, signature] = value.split('.');
    const edited = Buffer.from(Buffer.from(body, 'base64url').toString('utf8').replace(intent.userId, '00000000-0000-0000-0000-000000000000')).toString('base64url');
    expect(decodeSocialIntent(`${edited}.${signature}`, secret, now)).toBeNull();
    expect(decodeSocialIntent(value, 'another-secret', now)).toBeNull();
    expect(decodeSocialIntent(`${value}.x`, secret, now)).toBeNull();
    expect(decodeSocialIntent('garbage', secret, now)).toBeNull();
    expect(decodeSocialIntent(undefined, secret, now)).toBeNull();
  });
});
