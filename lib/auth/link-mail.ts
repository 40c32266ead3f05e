import 'server-only';
import type { Queryable } from '@/db';
import type { AuthToken } from '@/db/schema';
import { config } from '@/lib/config';
import { enqueueMail, type OutgoingMail } from '@/lib/mail/enqueue';
import type { MailProps, MailTemplate } from '@/lib/mail/templates';
import { issueAuthToken } from './auth-tokens';

type LinkMail<T extends MailTemplate> = Omit<OutgoingMail<T>, 'props' | 'dedupeKey'> & {
  userId: string;
  purpose: AuthToken['purpose'];
  ttlMs: number;
  now: Date;
  /** The page the link opens, e.g. `/verify-email`; the token goes in its `token` parameter. */
  page: string;
  props: (link: { url: string; expiresAt: string }) => MailProps[T];
  /** By default the template and the token's hash: one mail per link. */
  dedupeKey?: (tokenHash: string) => string;
};

/**
 * Issues a single-use token (older links of the same purpose stop working) and enqueues the mail
 * that carries it, in the caller's transaction: the link and its mail exist together or not at all.
 */
export async function mailSingleUseLink<T extends MailTemplate>(q: Queryable, mail: LinkMail<T>): Promise<void> {
  const { token, tokenHash, expiresAt } = await issueAuthToken(q, { userId: mail.userId, purpose: mail.purpose, ttlMs: mail.ttlMs, now: mail.now });
  const url = `${config.APP_URL.replace(/\/$/, '')}${mail.page}?token=${token}`;
  await enqueueMail(q, {
    to: mail.to,
    template: mail.template,
    props: mail.props({ url, expiresAt: expiresAt.toISOString() }),
    locale: mail.locale,
    timeZone: mail.timeZone,
    dedupeKey: mail.dedupeKey?.(tokenHash) ?? `${mail.template}/${tokenHash}`,
  });
}
