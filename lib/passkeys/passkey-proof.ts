import 'server-only';
import { cookies } from 'next/headers';
import { keyedHash, safeEqual } from '@/lib/auth/tokens';
import { config } from '@/lib/config';
import { cookieOptions } from '@/lib/http/cookie-options';
import type { SignInMethod } from '@/lib/auth/sign-in-method';

// A passkey sign-in of a withdrawn or dormant account goes through the restore offer or the
// reactivation code like a password sign-in, but has already given both factors. This httpOnly
// cookie says so for exactly the ticket it was issued with (a keyed hash of that ticket), so the
// sign-in that ends the restore or reactivation is a 'passkey' one and asks for no second factor.

const PASSKEY_PROOF_COOKIE = 'passkey_proof';
const PROOF_MAX_AGE_SECONDS = 30 * 60;

function proofOf(ticket: string): string {
  return keyedHash(config.AUTH_SECRET, `passkey-proof:${ticket}`);
}

/** After a passkey led to a restore or reactivation ticket: remember that this ticket came with a passkey. */
export async function rememberPasskeyProof(ticket: string): Promise<void> {
  (await cookies()).set(PASSKEY_PROOF_COOKIE, proofOf(ticket), cookieOptions('/', PROOF_MAX_AGE_SECONDS));
}

/**
 * How the sign-in that completes this restore or reactivation ticket was earned: 'passkey' when a
 * passkey started it in this browser, else `otherwise`. Uses the proof up either way.
 */
export async function signInMethodForTicket(ticket: string, otherwise: SignInMethod): Promise<SignInMethod> {
  const store = await cookies();
  const proof = store.get(PASSKEY_PROOF_COOKIE)?.value;
  if (!proof) return otherwise;
  store.delete(PASSKEY_PROOF_COOKIE);
  return safeEqual(proof, proofOf(ticket)) ? 'passkey' : otherwise;
}
