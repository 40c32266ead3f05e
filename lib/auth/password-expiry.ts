import type { User } from '@/db/schema';
import { config } from '@/lib/config';

/** True when the sweep marked the password expired, expiry is on, and there is a password to change. */
export function mustChangePassword(user: Pick<User, 'passwordExpired' | 'passwordHash'>): boolean {
  return user.passwordExpired && config.PASSWORD_MAX_AGE_DAYS > 0 && user.passwordHash !== null;
}
