import 'server-only';
/* eslint-disable @typescript-eslint/no-unused-vars -- a stub: its signature is the contract, its body is engineer A's */

// STUB until feat/twostep merges (engineer A owns this module and /login/two-step). Without it no
// sign-in is ever pending, so /login/two-step/passkey sends everyone back to /login.

export async function readPendingTwoStep(): Promise<{ userId: string } | null> {
  return null;
}

export async function completePendingTwoStep(_factor: 'totp' | 'recovery_code' | 'passkey'): Promise<never> {
  throw new Error('two-step login: not merged');
}

export async function failPendingTwoStep(_reason: 'two_step_failed' | 'passkey_failed'): Promise<'again' | 'ended'> {
  throw new Error('two-step login: not merged');
}
