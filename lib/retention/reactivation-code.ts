import { keyedHash } from '@/lib/auth/tokens';

/**
 * The stored form of a reactivation code: keyed to its account under AUTH_SECRET. Pure (no config,
 * no database), so the end-to-end fixtures store a code exactly as the app does.
 */
export function reactivationCodeHash(secret: string, userId: string, code: string): string {
  return keyedHash(secret, `reactivate:${userId}:${code}`);
}
