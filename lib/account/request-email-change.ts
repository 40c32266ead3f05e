import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { authTokens, users, type Locale } from '@/db/schema';
import { generateToken, hashToken } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { checkCurrentPassword } from './current-password';
import { isEmailAvailable } from './email-availability';
import { voidEmailChangeLinks } from './pending-email-change';

export type RequestEmailChangeInput = { userId: string; newEmail: string; currentPassword: string; locale: Locale; now: Date };
export type RequestEmailChangeOutcome =
  | { status: 'sent'; expiresAt: Date }
  | { status: 'wrong-password' }
  | { status: 'too-many-attempts' }
  | { status: 'same-email' }
  | { status: 'not-found' };

/**
 * Starts an email change: a single-use link (CHANGE_EMAIL_TTL_MINUTES) goes to the new address and
 * the address changes only when it is opened. An address someone else holds gets no mail but the
 * same answer and the same pending change, so the form does not reveal who has an account.
 */
export async function requestEmailChange(input: RequestEmailChangeInput): Promise<RequestEmailChangeOutcome> {
  const db = await getDb();
  const [user] = await db.select().from(users).where(and(eq(users.id, input.userId), eq(users.status, 'active')));
  if (!user?.email) return { status: 'not-found' };
  const check = await checkCurrentPassword(user, input.currentPassword, input.now);
  if (check !== 'correct') return { status: check };
  if (input.newEmail === user.email) return { status: 'same-email' };

  const token = generateToken();
  const expiresAt = new Date(input.now.getTime() + config.CHANGE_EMAIL_TTL_MINUTES * 60_000);
  await db.transaction(async (tx) => {
    await voidEmailChangeLinks(tx, user.id, input.now);
    const [row] = await tx
      .insert(authTokens)
      .values({ userId: user.id, purpose: 'change_email', tokenHash: hashToken(token), newEmail: input.newEmail, expiresAt, createdAt: input.now })
      .returning({ id: authTokens.id });
    if (!(await isEmailAvailable(tx, input.newEmail, user.id))) return;
    const confirmUrl = new URL('/account/email/confirm', config.APP_URL);
    confirmUrl.searchParams.set('token', token);
    await enqueueMail(tx, {
      to: input.newEmail,
      template: 'change-email-confirm',
      props: { name: user.name, confirmUrl: confirmUrl.toString(), newEmail: input.newEmail, expiresAt: expiresAt.toISOString() },
      locale: user.locale ?? input.locale,
      timeZone: user.timeZone,
      dedupeKey: `change-email-confirm/${row.id}`,
    });
  });
  deliverSoon();
  return { status: 'sent', expiresAt };
}
