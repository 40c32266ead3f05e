import 'server-only';
import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { users } from '@/db/schema';
import { config } from '@/lib/config';
import { enqueueMail } from '@/lib/mail/enqueue';
import type { MailProps } from '@/lib/mail/templates';
import { ownerMailSettings } from '@/lib/sessions/security-notice';

type TwoStepMail = 'two-step-on' | 'two-step-off' | 'recovery-codes-generated' | 'recovery-code-used';

export const securityUrl = () => new URL('/account/security', config.APP_URL).toString();
export const resetUrl = () => new URL('/forgot-password', config.APP_URL).toString();

/**
 * Queues one of the two-step mails to the account's owner in the caller's transaction; `event`
 * makes it mail once. Accounts without an address (dormant) get none.
 */
export async function mailOwner<T extends TwoStepMail>(q: Queryable, userId: string, template: T, props: (name: string | null) => MailProps[T], event: string): Promise<boolean> {
  const [owner] = await q.select({ email: users.email, name: users.name, locale: users.locale, timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
  if (!owner?.email) return false;
  return enqueueMail(q, { to: owner.email, template, props: props(owner.name), ...ownerMailSettings(owner), dedupeKey: `${template}/${userId}/${event}` });
}
