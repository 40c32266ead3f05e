import 'server-only';
/* eslint-disable @typescript-eslint/no-unused-vars -- a stub: its signature is the contract, its body is engineer A's */
import { randomInt } from 'node:crypto';
import type { Queryable } from '@/db';

// STUB until feat/twostep merges (engineer A owns this module): the real one voids old codes,
// stores the new ones hashed and mails "recovery codes generated". This one only makes codes.

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function code(): string {
  const part = () => Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${part()}-${part()}`;
}

export async function issueRecoveryCodes(_q: Queryable, _userId: string, _now: Date): Promise<string[]> {
  return Array.from({ length: 10 }, code);
}
