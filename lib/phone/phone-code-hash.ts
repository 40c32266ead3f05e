import 'server-only';
import { keyedHash } from '@/lib/auth/tokens';
import { config } from '@/lib/config';

/** The only form of a phone code that is stored: keyed, and bound to the person and the number. */
export function phoneCodeHash(userId: string, phone: string, code: string): string {
  return keyedHash(config.AUTH_SECRET, `phone-code:${userId}:${phone}:${code}`);
}
