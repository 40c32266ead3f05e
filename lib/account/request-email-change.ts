import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { authTokens, users, type Locale } from '@/db/schema';
import { takeAccountEmailChange, takeEmailSend } from '@/lib/auth/email-send-limit';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { checkCurrentPassword } from './current-password';
import { isAddressTaken } from './address-holder';
import { voidEmailChangeLinks } from './pending-email-change';

/** currentPassword null: the session stepped up (a current code or passkey) instead; the caller checked it. */
export type RequestEmailChangeInput = { userId: string; newEmail: string; currentPassword: string | null; locale: Locale; now: Date };
export type RequestEmailChangeOutcome =
  | { status: 'sent'; expiresAt: Date }
  | { status: 'wrong-password' }
  | { status: 'too-many-attempts' }
  | { status: 'too-many-requests' }
  | { status: 'same-email' }
  | { status: 'not-found' };

/**
 * Starts an email change: a single-use link (CHANGE_EMAIL_TTL_MINUTES) goes to the new address and
 * the address changes only when it is opened. An address someone else holds gets no mail but the
 * same answer and the same pending change, so the form does not reveal who has an account.
 * Requests are limited per account and per new address (counted whether or not a mail goes out,
 * so the limit reveals nothing either); the mail carries nothing the requester typed but the address.
 */
export async function requestEmailChange(input: RequestEmailChangeInput): Promise<RequestEmailChangeOutcome> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(and(eq(users.id, input.userId), eq(users.status, 'active')));
  if (!user?.email) return { status: 'not-found' };
  const check = input.currentPassword === null ? 'correct' : await checkCurrentPassword(user, input.currentPassword, input.now);
  if (check !== 'correct') return { status: check };
  if (input.newEmail === user.email) return { status: 'same-email' };

  const token = generateToken();
  const expiresAt = new Date(input.now.getTime() + config.CHANGE_EMAIL_TTL_MINUTES * 60_000);
  const limited = await db.transaction(async (tx) => {
    // The account first: a request the address limit refuses still counts against the account.
    if (!(await takeAccountEmailChange(tx, user.id, input.now)) || !(await takeEmailSend(tx, 'change-email', input.newEmail, input.now))) return true;
    await voidEmailChangeLinks(tx, user.id, input.now);
    const [row] = await tx
      .insert(authTokens)
      .values({ userId: user.id, purpose: 'change_email', tokenHash: hashToken(token), newEmail: input.newEmail, expiresAt, createdAt: input.now })
      .returning({ id: authTokens.id });
    if (await isAddressTaken(tx, input.newEmail, { exceptUserId: user.id })) return false;
    const confirmUrl = new URL('/account/email/confirm', config.APP_URL);
    confirmUrl.searchParams.set('token', token);
    await enqueueMail(tx, {
      to: input.newEmail,
      template: 'change-email-confirm',
      props: { confirmUrl: confirmUrl.toString(), newEmail: input.newEmail, expiresAt: expiresAt.toISOString() },
      locale: user.locale ?? input.locale,
      timeZone: user.timeZone,
      dedupeKey: `change-email-confirm/${row.id}`,
    });
    return false;
  });
  if (limited) return { status: 'too-many-requests' };
  deliverSoon();
  return { status: 'sent', expiresAt };
}
