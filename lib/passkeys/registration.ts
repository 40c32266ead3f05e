import 'server-only';
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON, type RegistrationResponseJSON } from '@simplewebauthn/server';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { passkeys, users, type User } from '@/db/schema';
import { config } from '@/lib/config';
import type { ClientInfo } from '@/lib/http/client-info';
import { deliverSoon } from '@/lib/mail/deliver-soon';
import { enqueueMail } from '@/lib/mail/enqueue';
import { ownerMailSettings, securityNoticeProps } from '@/lib/sessions/security-notice';
import { issueRecoveryCodes } from '@/lib/two-step/recovery-codes';
import { twoStepStatus } from '@/lib/two-step/status';
import { challengeBytes, challengeOf, consumeChallenge, issueChallenge } from './challenges';
import { relyingParty } from './relying-party';

export { PASSKEY_NAME_MAX } from './passkey-name';

/**
 * Options for the browser to create a passkey for this person: a discoverable credential (so it
 * can sign in without an address), user verification preferred, none of the person's existing
 * authenticators again.
 */
export async function startPasskeyRegistration(user: Pick<User, 'id' | 'email' | 'name'>, now: Date): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const db = await getDb();
  const { rpID, rpName } = relyingParty();
  const existing = await db.select({ id: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, user.id));
  const challenge = await issueChallenge(db, { purpose: 'register', userId: user.id, now });
  return generateRegistrationOptions({
    rpName,
    rpID,
    userName: user.email ?? user.id,
    userDisplayName: user.name ?? user.email ?? '',
    // The account id, not the address: the handle stays the same when the address changes.
    userID: new TextEncoder().encode(user.id),
    challenge: challengeBytes(challenge),
    timeout: 5 * 60_000,
    attestationType: 'none',
    excludeCredentials: existing,
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
}

export type AddPasskeyOutcome =
  | { status: 'added'; passkeyId: string; /** Shown once: two-step has just turned on with this passkey. */ recoveryCodes: string[] | null }
  | { status: 'invalid' }
  | { status: 'already-registered' };

/**
 * Verifies the browser's answer to startPasskeyRegistration and stores the passkey. The first
 * factor of an account (no TOTP, no passkey) turns two-step on: recovery codes are issued in the
 * same transaction. The owner is mailed "passkey added".
 */
export async function addPasskey(input: { user: User; response: RegistrationResponseJSON; name: string; client: ClientInfo; now: Date }): Promise<AddPasskeyOutcome> {
  const { user, response, now } = input;
  const challenge = challengeOf(response.response.clientDataJSON);
  if (!challenge) return { status: 'invalid' };
  const db = await getDb();
  const outcome = await db.transaction(async (tx): Promise<AddPasskeyOutcome> => {
    // Locks the account row: two additions at once cannot both be "the first".
    const [owner] = await tx.select().from(users).where(and(eq(users.id, user.id), eq(users.status, 'active'))).for('update');
    if (!owner) return { status: 'invalid' };
    if (!(await consumeChallenge(tx, { challenge, purpose: 'register', userId: user.id, now }))) return { status: 'invalid' };
    const { rpID, origin } = relyingParty();
    let verification;
    try {
      verification = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false });
    } catch {
      return { status: 'invalid' };
    }
    if (!verification.verified) return { status: 'invalid' };
    const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
    const [taken] = await tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.credentialId, credential.id));
    if (taken) return { status: 'already-registered' };

    const before = await twoStepStatus(tx, user.id);
    const [row] = await tx
      .insert(passkeys)
      .values({
        userId: user.id,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey).toString('base64url'),
        counter: credential.counter,
        transports: credential.transports ?? [],
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
        name: input.name,
        createdAt: now,
      })
      .returning({ id: passkeys.id });
    const recoveryCodes = before.on ? null : await issueRecoveryCodes(tx, user.id, now);
    if (owner.email) {
      await enqueueMail(tx, {
        to: owner.email,
        template: 'passkey-added',
        props: { ...securityNoticeProps(owner, input.client), passkeyName: input.name, addedAt: now.toISOString(), securityUrl: new URL('/account/security', config.APP_URL).toString() },
        ...ownerMailSettings(owner),
        dedupeKey: `passkey-added/${row.id}`,
      });
    }
    return { status: 'added', passkeyId: row.id, recoveryCodes };
  });
  if (outcome.status === 'added') deliverSoon();
  return outcome;
}
