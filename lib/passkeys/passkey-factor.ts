import 'server-only';
import type { Queryable } from '@/db';

// STUB (issue 15 contract): engineer B's passkeys branch replaces this file with the real one.
// Until then no account has a passkey.
/* eslint-disable @typescript-eslint/no-unused-vars -- a stub: the real module uses its parameters */

/** How many passkeys the account has. */
export async function countPasskeys(_q: Queryable, _userId: string): Promise<number> {
  return 0;
}

/** Removes every passkey of the account (an admin's Reset two-step). */
export async function deletePasskeys(_q: Queryable, _userId: string): Promise<void> {}
