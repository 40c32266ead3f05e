import 'server-only';
import { config } from '@/lib/config';

/**
 * Who the browser's passkeys belong to: the RP ID is APP_URL's host name (no port), the origin
 * APP_URL's origin. A passkey made for one APP_URL host does not work on another.
 */
export function relyingParty(): { rpID: string; rpName: string; origin: string } {
  const url = new URL(config.APP_URL);
  return { rpID: url.hostname, rpName: config.APP_NAME, origin: url.origin };
}
