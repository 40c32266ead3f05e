import 'server-only';
import type { User } from '@/db/schema';
import { config } from '@/lib/config';
import type { ClientInfo } from '@/lib/http/client-info';
import { describeUserAgent } from './user-agent';

/**
 * What the "someone used your account" mails (new sign-in, data downloaded) say about the device,
 * and where to act: the signed-in devices and a password reset.
 */
export function securityNoticeProps(owner: Pick<User, 'name'>, client: ClientInfo) {
  const { browser, os } = describeUserAgent(client.userAgent);
  return {
    name: owner.name,
    browser: browser ?? '—',
    os: os ?? '—',
    ip: client.ip ?? '—',
    sessionsUrl: new URL('/account/sessions', config.APP_URL).toString(),
    resetUrl: new URL('/forgot-password', config.APP_URL).toString(),
  };
}

/** Locale and zone of a mail to the account's owner. */
export function ownerMailSettings(owner: Pick<User, 'locale' | 'timeZone'>) {
  return { locale: owner.locale ?? config.DEFAULT_LOCALE, timeZone: owner.timeZone };
}
