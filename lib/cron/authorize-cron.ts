import 'server-only';
import { safeEqual } from '@/lib/auth/tokens';
import type { Config } from '@/lib/config';

export type CronAuthorization =
  | { status: 'authorized' }
  | { status: 'unauthorized' }
  | { status: 'not-configured'; message: string };

/** Checks a cron call's `Authorization: Bearer <CRON_SECRET>` header in constant time. */
export function authorizeCron(
  authorization: string | null,
  settings: Pick<Config, 'CRON_SECRET' | 'NODE_ENV'>,
): CronAuthorization {
  const secret = settings.CRON_SECRET;
  if (!secret) {
    return {
      status: 'not-configured',
      message:
        settings.NODE_ENV === 'production'
          ? 'CRON_SECRET is not set: cron routes refuse every call until it is (Vercel sends it as a bearer token).'
          : 'CRON_SECRET is not set: set it to call this route, or run the job from the command line (`npm run sweep`).',
    };
  }
  return safeEqual(authorization ?? '', `Bearer ${secret}`) ? { status: 'authorized' } : { status: 'unauthorized' };
}
