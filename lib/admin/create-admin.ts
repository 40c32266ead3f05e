import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password-hash';
import { passwordIsNotEmail, passwordSchema } from '@/lib/validation/fields';

export const ADMIN_PASSWORD_MIN_LENGTH = 12;

export type CreateAdminOutcome =
  | { status: 'created'; userId: string }
  | { status: 'promoted'; userId: string }
  | { status: 'already-admin'; userId: string }
  | { status: 'weak-password' };

/** Does an account with this (normalised) address exist? Decides whether a password is needed. */
export async function findAccountId(email: string): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row?.id ?? null;
}

/**
 * Makes `email` an admin: an existing account is promoted (its password is left alone and its
 * sessions end, so the new role applies at the next login); otherwise a verified admin is created
 * with `password`.
 */
export async function createAdmin(input: { email: string; password?: string; now: Date }): Promise<CreateAdminOutcome> {
  const db = await getDb();
  const [existing] = await db.select().from(users).where(eq(users.email, input.email));
  if (existing) {
    if (existing.role === 'admin') return { status: 'already-admin', userId: existing.id };
    await db
      .update(users)
      .set({ role: 'admin', emailVerifiedAt: existing.emailVerifiedAt ?? input.now, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, existing.id));
    return { status: 'promoted', userId: existing.id };
  }
  // The product's password policy, and longer for an admin.
  const password = input.password ?? '';
  if (password.length < ADMIN_PASSWORD_MIN_LENGTH || !passwordSchema.safeParse(password).success || !passwordIsNotEmail(password, input.email)) {
    return { status: 'weak-password' };
  }
  const [created] = await db
    .insert(users)
    .values({
      email: input.email,
      passwordHash: await hashPassword(password),
      role: 'admin',
      emailVerifiedAt: input.now,
      passwordChangedAt: input.now,
      createdAt: input.now,
    })
    .returning({ id: users.id });
  return { status: 'created', userId: created.id };
}
