import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import { passkeys } from '@/db/schema';

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; backedUp: boolean };

/** The person's passkeys as the Security page and the data download show them: no key material. */
export async function listPasskeys(userId: string, q?: Queryable): Promise<PasskeySummary[]> {
  return (q ?? (await getDb()))
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt, backedUp: passkeys.backedUp })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt), asc(passkeys.id));
}
