import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyedHash } from '@/lib/auth/tokens';
import { hmacKeysFor } from '@/lib/retention/hmac-keys';

/** What the database computes from the padded keys (see db/retention-queries.ts), done in Node. */
function hmacFromKeys(secret: string, value: string): string {
  const keys = hmacKeysFor(secret);
  const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
  const inner = sha(Buffer.from(keys.innerHex, 'hex'), Buffer.from(value, 'utf8'));
  return sha(Buffer.from(keys.outerHex, 'hex'), inner).toString('hex');
}

describe('hmacKeysFor', () => {
  it('gives the same value as keyedHash for short and long secrets and any text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 120 }), fc.string(), (secret, value) => {
        expect(hmacFromKeys(secret, value)).toBe(keyedHash(secret, value));
        expect(keyedHash(secret, value)).toBe(createHmac('sha256', secret).update(value).digest('hex'));
      }),
    );
  });
});
