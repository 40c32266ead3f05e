import 'server-only';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { getDb } from '@/db';
import { config } from '@/lib/config';
import { takeRateLimits } from '@/lib/rate-limit/rate-limit';
import { startPasskeyAssertion } from './assertion';

const MINUTE = 60_000;

export type PasskeySignInStart = { status: 'ok'; options: PublicKeyCredentialRequestOptionsJSON } | { status: 'rate-limited'; retryAt: Date };

/** The per-IP count of passwordless sign-in challenges; requests without a known IP share one. */
export function passkeySignInOptionsKey(ip: string | null): string {
  return `passkey-sign-in-options:ip:${ip ?? 'unknown'}`;
}

/**
 * Options for a passwordless sign-in, at most PASSKEY_SIGN_IN_OPTIONS_PER_IP_PER_MINUTE per client
 * IP: each stores a challenge, and /login asks for one on every load (the Email field's autofill),
 * so one address cannot fill the table. Past the limit, when the oldest counted request leaves the
 * minute. The count is per IP only and names no account.
 */
export async function startPasskeySignIn(input: { ip: string | null; now: Date }): Promise<PasskeySignInStart> {
  const db = await getDb();
  const limits = [{ max: config.PASSKEY_SIGN_IN_OPTIONS_PER_IP_PER_MINUTE, windowMs: MINUTE }];
  const taken = await db.transaction((tx) => takeRateLimits(tx, [{ key: passkeySignInOptionsKey(input.ip), limits }], input.now));
  if (!taken.allowed) return { status: 'rate-limited', retryAt: taken.retryAt };
  return { status: 'ok', options: await startPasskeyAssertion({ purpose: 'sign_in' }, input.now) };
}
