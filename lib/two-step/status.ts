import 'server-only';
import type { Queryable } from '@/db';
import { countPasskeys } from '@/lib/passkeys/passkey-factor';

// STUB until feat/twostep merges (engineer A owns this module): without TOTP on this branch,
// two-step is on exactly when a passkey exists.
export async function twoStepStatus(q: Queryable, userId: string): Promise<{ on: boolean; totp: boolean; passkeys: number; recoveryCodesLeft: number }> {
  const passkeys = await countPasskeys(q, userId);
  return { on: passkeys > 0, totp: false, passkeys, recoveryCodesLeft: 0 };
}
