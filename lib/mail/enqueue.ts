import 'server-only';
import { mailOutbox, type Locale } from '@/db/schema';
import type { Queryable } from '@/db';
import type { MailProps, MailTemplate } from './templates';

export type OutgoingMail<T extends MailTemplate = MailTemplate> = {
  to: string;
  template: T;
  props: MailProps[T];
  locale: Locale;
  /** The recipient's chosen time zone (users.time_zone) for dates in the mail; none: ADMIN_TIMEZONE. */
  timeZone?: string | null;
  /** Unique per event, e.g. `dormancy-warning/<user>/<date>`: the event mails once however often it is raised. */
  dedupeKey: string;
};

/**
 * Puts a mail in the outbox. Call it with the transaction of the change that causes the mail:
 * if the change rolls back, so does the mail. Returns false when the dedupe key was already used.
 */
export async function enqueueMail<T extends MailTemplate>(q: Queryable, mail: OutgoingMail<T>): Promise<boolean> {
  const inserted = await q
    .insert(mailOutbox)
    .values({
      toAddress: mail.to,
      template: mail.template,
      props: mail.props as Record<string, unknown>,
      locale: mail.locale,
      timeZone: mail.timeZone ?? null,
      dedupeKey: mail.dedupeKey,
    })
    .onConflictDoNothing({ target: mailOutbox.dedupeKey })
    .returning({ id: mailOutbox.id });
  return inserted.length > 0;
}
