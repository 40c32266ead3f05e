import 'server-only';
import { cookies } from 'next/headers';
import { config } from '@/lib/config';
import { cookieOptions } from '@/lib/http/cookie-options';
import type { ReactivationLimit } from './reactivation';

/** Holds the reactivation ticket between the login form and /reactivate. */
export const REACTIVATION_COOKIE = 'reactivation';

/** Where a dormant account goes when startReactivation said 'limited': /reactivate explains why no code came. */
export function reactivationLimitedPath(limit: ReactivationLimit): string {
  return `/reactivate?limited=${limit}`;
}

/** For the login action: call after startReactivation, then redirect to /reactivate. */
export async function setReactivationCookie(ticket: string): Promise<void> {
  (await cookies()).set(REACTIVATION_COOKIE, ticket, cookieOptions('/', config.REACTIVATION_CODE_TTL_MINUTES * 60));
}

export async function readReactivationCookie(): Promise<string | undefined> {
  return (await cookies()).get(REACTIVATION_COOKIE)?.value;
}

export async function clearReactivationCookie(): Promise<void> {
  (await cookies()).delete(REACTIVATION_COOKIE);
}
