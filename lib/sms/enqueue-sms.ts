import 'server-only';
import type { Queryable } from '@/db';
import { mailOutbox, type Locale } from '@/db/schema';
import type { SmsProps, SmsTemplate } from './templates';

export type OutgoingSmsRow<T extends SmsTemplate = SmsTemplate> = {
  /** E.164. */
  to: string;
  template: T;
  props: SmsProps[T];
  locale: Locale;
  /** Unique per event: the SMS goes once however often the event is raised. */
  dedupeKey: string;
};

/**
 * Puts an SMS in the outbox (channel 'sms'), with the transaction of the change that causes it.
 * Returns false when the dedupe key was already used.
 */
export async function enqueueSms<T extends SmsTemplate>(q: Queryable, sms: OutgoingSmsRow<T>): Promise<boolean> {
  const inserted = await q
    .insert(mailOutbox)
    .values({ channel: 'sms', toAddress: sms.to, template: sms.template, props: sms.props as Record<string, unknown>, locale: sms.locale, dedupeKey: sms.dedupeKey })
    .onConflictDoNothing({ target: mailOutbox.dedupeKey })
    .returning({ id: mailOutbox.id });
  return inserted.length > 0;
}
