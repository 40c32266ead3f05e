import 'server-only';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { passkeys } from '@/db/schema';
import { challengeBytes, challengeOf, consumeChallenge, issueChallenge } from './challenges';
import { relyingParty } from './relying-party';

/**
 * What an assertion is for. A passwordless sign-in knows nobody yet and needs user verification (it
 * stands for a password and a second factor at once); the second factor and the step-up are for a
 * known person, limited to that person's passkeys, with user verification preferred.
 */
export type AssertionPurpose = { purpose: 'sign_in' } | { purpose: 'second_factor' | 'step_up'; userId: string };

function userOf(target: AssertionPurpose): string | null {
  return target.purpose === 'sign_in' ? null : target.userId;
}

/** Options for navigator.credentials.get: a fresh challenge and, for a known person, their passkeys only. */
export async function startPasskeyAssertion(target: AssertionPurpose, now: Date): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const db = await getDb();
  const userId = userOf(target);
  const allowCredentials = userId
    ? await db.select({ id: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, userId))
    : [];
  const challenge = await issueChallenge(db, { purpose: target.purpose, userId, now });
  return generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    challenge: challengeBytes(challenge),
    allowCredentials,
    timeout: 5 * 60_000,
    userVerification: target.purpose === 'sign_in' ? 'required' : 'preferred',
  });
}

export type AssertionOutcome =
  | { status: 'verified'; userId: string; passkeyId: string }
  /** ownerId: whose passkey was presented, when it is one we know (for the login log only). */
  | { status: 'invalid'; ownerId: string | null };

/**
 * Checks an assertion: its challenge (single use, five minutes, same purpose and person), the
 * passkey (known, and the person's own when a person is expected), the signature, and the
 * signature counter, which must move forward unless the authenticator keeps none (the library
 * refuses a regression: a cloned authenticator). On success the counter, the backed-up flag and
 * the last use are stored.
 */
export async function verifyPasskeyAssertion(target: AssertionPurpose, response: AuthenticationResponseJSON, now: Date): Promise<AssertionOutcome> {
  const challenge = challengeOf(response.response.clientDataJSON);
  const db = await getDb();
  const userId = userOf(target);
  const [passkey] = await db.select().from(passkeys).where(eq(passkeys.credentialId, response.id));
  const ownerId = passkey?.userId ?? null;
  // Used up whatever follows, so an answer can be tried only once.
  if (!challenge || !(await consumeChallenge(db, { challenge, purpose: target.purpose, userId, now }))) return { status: 'invalid', ownerId };
  if (!passkey || (userId !== null && passkey.userId !== userId)) return { status: 'invalid', ownerId };

  const { rpID, origin } = relyingParty();
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: { id: passkey.credentialId, publicKey: Buffer.from(passkey.publicKey, 'base64url'), counter: passkey.counter, transports: passkey.transports },
      requireUserVerification: target.purpose === 'sign_in',
    });
  } catch {
    return { status: 'invalid', ownerId };
  }
  if (!verification.verified) return { status: 'invalid', ownerId };
  const info = verification.authenticationInfo;
  // Compare-and-set on the counter: of two answers verified at once against the same count, one wins.
  const [stored] = await db
    .update(passkeys)
    .set({ counter: info.newCounter, backedUp: info.credentialBackedUp, deviceType: info.credentialDeviceType, lastUsedAt: now })
    .where(and(eq(passkeys.id, passkey.id), eq(passkeys.counter, passkey.counter)))
    .returning({ id: passkeys.id });
  if (!stored) return { status: 'invalid', ownerId };
  return { status: 'verified', userId: passkey.userId, passkeyId: passkey.id };
}
