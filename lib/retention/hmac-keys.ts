import { createHash } from 'node:crypto';
import type { HmacKeys } from '@/db/retention-queries';

const BLOCK_SIZE = 64;

/**
 * The two padded keys of HMAC-SHA-256 (RFC 2104) for `secret`, so the database can compute the same
 * value as keyedHash(secret, value) with its built-in sha256() while it rewrites rows in bulk.
 */
export function hmacKeysFor(secret: string): HmacKeys {
  let key = Buffer.from(secret, 'utf8');
  if (key.length > BLOCK_SIZE) key = createHash('sha256').update(key).digest();
  const padded = Buffer.alloc(BLOCK_SIZE);
  key.copy(padded);
  const inner = Buffer.alloc(BLOCK_SIZE);
  const outer = Buffer.alloc(BLOCK_SIZE);
  for (let i = 0; i < BLOCK_SIZE; i++) {
    inner[i] = padded[i] ^ 0x36;
    outer[i] = padded[i] ^ 0x5c;
  }
  return { innerHex: inner.toString('hex'), outerHex: outer.toString('hex') };
}
