import 'server-only';
import { cookies } from 'next/headers';
import { config } from '@/lib/config';
import type { ReactivationLimit } from './reactivation';

/** Holds the reactivation ticket between the login form and /reactivate. */
export const REACTIVATION_COOKIE = 'reactivation';

/** Where a dormant account goes when startReactivation said 'limited': /reactivate explains why no code came. */
export function reactivationLimitedPath(limit: ReactivationLimit): string {
  return `/reactivate?limited=${limit}`;
}

/** For the login action: call after startReactivation, then redirect to /reactivate. */
export async function setReactivationCookie(ticket: string): Promise<void> {
  const store = await cookies();
  store.set(REACTIVATION_COOKIE, ticket, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.APP_URL.startsWith('https://'),
    path: '/',
    maxAge: config.REACTIVATION_CODE_TTL_MINUTES * 60,
  });
}

export async function readReactivationCookie(): Promise<string | undefined> {
  return (await cookies()).get(REACTIVATION_COOKIE)?.value;
}

export async function clearReactivationCookie(): Promise<void> {
  (await cookies()).delete(REACTIVATION_COOKIE);
}
