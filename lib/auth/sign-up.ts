import 'server-only';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { getDb, type Transaction } from '@/db';
import { dormantAccounts, users, type Locale } from '@/db/schema';
import { isAddressTaken } from '@/lib/account/address-holder';
import { config } from '@/lib/config';
import { changeMarketingConsent } from '@/lib/consent/change-marketing-consent';
import type { Defer } from '@/lib/http/after-response';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { takeEmailSend } from './email-send-limit';
import { sendVerificationLink } from './email-verification';
import { hashPassword } from './password-hash';

/** Carries the address from sign-up to /signup/check-email (httpOnly, path /signup), so it never sits in a URL. */
export const SIGNUP_EMAIL_COOKIE = 'signup-email';

export type SignUpInput = {
  name: string;
  email: string;
  password: string;
  locale: Locale;
  now: Date;
  /** The optional "Email me product news" box; its result notice goes out with the verification link. */
  marketingEmail?: boolean;
  ip?: string | null;
};

/** Both outcomes look the same to the person signing up: the page must not reveal who has an account. */
export type SignUpOutcome = { status: 'created'; userId: string } | { status: 'address-taken' };

/**
 * Creates an unverified account and mails its verification link. When the address already has an
 * account (live or dormant), its owner is told someone tried to sign up instead. The password is
 * hashed in both cases.
 */
export async function signUp(input: SignUpInput): Promise<SignUpOutcome> {
  return writeSignUp(input, await hashPassword(input.password));
}

/**
 * The sign-up form's way in. The password is hashed now, so every sign-up costs its request the
 * same Argon2 time; the writes, which differ between a new address and a taken one by a few
 * milliseconds, run in `defer` (next/server's after()), so the answer takes as long either way. A
 * write that fails there is logged; the person, told to check their mail, can simply sign up again.
 */
export async function signUpAfterResponse(input: SignUpInput, defer: Defer): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  defer(async () => {
    try {
      await writeSignUp(input, passwordHash);
    } catch (error) {
      console.error('sign-up: could not write the account or its mail', error);
    }
  });
}

async function writeSignUp(input: SignUpInput, passwordHash: string): Promise<SignUpOutcome> {
  const db = await getDb();
  const outcome = await db.transaction(async (tx): Promise<SignUpOutcome> => {
    if (!(await isAddressTaken(tx, input.email))) {
      const [user] = await tx
        .insert(users)
        .values({
          email: input.email,
          name: input.name,
          passwordHash,
          locale: input.locale,
          passwordChangedAt: input.now,
          createdAt: input.now,
        })
        .onConflictDoNothing()
        .returning({ id: users.id, email: users.email, locale: users.locale });
      // No row: a concurrent sign-up took the address between the check and the insert.
      if (user?.email) {
        await sendVerificationLink(tx, { ...user, email: user.email }, input.now);
        if (input.marketingEmail) {
          await changeMarketingConsent(tx, { userId: user.id, set: { email: true }, source: 'signup', ip: input.ip ?? null, now: input.now, locale: input.locale });
        }
        return { status: 'created', userId: user.id };
      }
    }
    await warnOwnerOfSignUpAttempt(tx, input.email, input.now);
    return { status: 'address-taken' };
  });
  deliverSoon();
  return outcome;
}

async function warnOwnerOfSignUpAttempt(tx: Transaction, email: string, now: Date): Promise<void> {
  const [live] = await tx.select({ locale: users.locale }).from(users).where(eq(users.email, email));
  const [dormant] = live
    ? []
    : await tx.select({ locale: users.locale }).from(dormantAccounts).innerJoin(users, eq(users.id, dormantAccounts.userId)).where(eq(dormantAccounts.email, email));
  const owner = live ?? dormant;
  if (!owner || !(await takeEmailSend(tx, 'signup-attempt', email, now))) return;
  await enqueueMail(tx, {
    to: email,
    template: 'signup-attempt',
    props: { loginUrl: `${config.APP_URL}/login`, resetUrl: `${config.APP_URL}/forgot-password` },
    locale: owner.locale ?? config.DEFAULT_LOCALE,
    dedupeKey: `signup-attempt/${email}/${randomUUID()}`,
  });
}
