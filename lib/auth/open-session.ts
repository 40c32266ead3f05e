import 'server-only';
import { and, eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { safeReturnPath } from '@/lib/http/return-path';
import { startSession } from '@/lib/sessions/start-session';
import { writeSessionCookie } from './session-token';
import type { SignInMethod } from './sign-in-method';

/**
 * Signs in and redirects, once every factor the account needs was given: only signInWithTicket and
 * the two-step page call it. The session's record first, then its cookie. The account is read as it
 * is now: one withdrawn or gone dormant since lib/ let it in opens nothing and is sent back to /login.
 */
export async function openSession(userId: string, redirectTo: string, method: SignInMethod): Promise<never> {
  const now = new Date();
  const user = await findAccountToOpen(userId);
  if (!user) redirect('/login');
  const sessionId = await startSession({ userId: user.id, sessionVersion: user.sessionVersion, method, now });
  await writeSessionCookie({ ...user, userId: user.id, sessionId }, now);
  redirect(safeReturnPath(redirectTo) ?? '/');
}

/** What a session's token needs of the account, if it is active now; else null. */
export async function findAccountToOpen(userId: string) {
  const [user] = await (await getDb())
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, sessionVersion: users.sessionVersion, passwordExpired: users.passwordExpired })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.status, 'active')));
  return user ?? null;
}
