import 'server-only';
/* eslint-disable @typescript-eslint/no-unused-vars -- a stub: its signature is the contract, its body is engineer A's */

// STUB until feat/twostep merges (engineer A owns this module): the real one sets
// sessions.reauthenticated_at, which hasFreshSignIn then accepts.
export async function recordStepUp(_userId: string, _sessionId: string, _now: Date): Promise<void> {}
