// Sealing of authenticator-app secrets at rest: AES-256-GCM under a key derived (HKDF-SHA-256) from
// TWO_STEP_ENCRYPTION_KEY, or from AUTH_SECRET when that is unset. Pure (no config, no database), so
// scripts and the test fixtures seal secrets exactly as the app does. A sealed secret names its key
// (a short fingerprint) and is bound to its account (the user id is the GCM additional data), so a
// row copied onto another account does not open.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type TwoStepKey = { id: string; key: Buffer };
export type TwoStepKeyring = { current: TwoStepKey; previous: TwoStepKey[] };

function deriveKey(secret: string): TwoStepKey {
  const key = Buffer.from(hkdfSync('sha256', secret, 'lifecycle', 'two-step-totp-secret', 32));
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/**
 * The keys in force: the current one seals, the previous ones (TWO_STEP_ENCRYPTION_KEY_PREVIOUS,
 * comma-separated) still open secrets sealed before a rotation.
 */
export function twoStepKeyring(settings: { TWO_STEP_ENCRYPTION_KEY?: string; TWO_STEP_ENCRYPTION_KEY_PREVIOUS?: string; AUTH_SECRET: string }): TwoStepKeyring {
  const current = deriveKey(settings.TWO_STEP_ENCRYPTION_KEY ?? settings.AUTH_SECRET);
  const previous = (settings.TWO_STEP_ENCRYPTION_KEY_PREVIOUS ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean)
    .map(deriveKey)
    .filter((candidate) => candidate.id !== current.id);
  return { current, previous };
}

export function sealSecret(secret: string, userId: string, key: TwoStepKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, key.id, iv.toString('base64url'), body.toString('base64url')].join('.');
}

/**
 * The secret, and whether it was sealed with a previous key (then it should be sealed again with
 * the current one); null when no key in the ring opens it or it was tampered with.
 */
export function openSecret(sealed: string, userId: string, keyring: TwoStepKeyring): { secret: string; stale: boolean } | null {
  const [version, keyId, ivText, bodyText] = sealed.split('.');
  if (version !== VERSION || !ivText || !bodyText) return null;
  const key = [keyring.current, ...keyring.previous].find((candidate) => candidate.id === keyId);
  if (!key) return null;
  try {
    const iv = Buffer.from(ivText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    if (iv.length !== IV_BYTES || body.length <= TAG_BYTES) return null;
    const decipher = createDecipheriv('aes-256-gcm', key.key, iv);
    decipher.setAAD(Buffer.from(userId, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const secret = Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    return { secret, stale: key.id !== keyring.current.id };
  } catch {
    return null;
  }
}
