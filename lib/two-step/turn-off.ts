import 'server-only';
/* eslint-disable @typescript-eslint/no-unused-vars -- a stub: its signature is the contract, its body is engineer A's */
import type { Queryable } from '@/db';

// STUB until feat/twostep merges (engineer A owns this module): the real one voids recovery codes
// and mails "two-step verification was turned off" when no factor remains.
export async function noteFactorRemoved(_q: Queryable, _userId: string, _now: Date): Promise<void> {}
