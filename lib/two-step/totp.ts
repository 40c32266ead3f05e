// RFC 6238 codes through otpauth: SHA-1, 6 digits, 30-second steps, one step of drift either way.
// Pure: the caller keeps the last accepted step (replay) and the sealed secret.
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps of clock drift accepted on either side of the current one. */
export const TOTP_WINDOW = 1;

function totpFor(secret: string, label = '', issuer = ''): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** A new secret, base32 (160 bits from the CSPRNG, RFC 4226's recommended length). */
export function createTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app scans: the app's name as issuer, the address as label. */
export function totpUri(secret: string, issuer: string, accountName: string): string {
  return totpFor(secret, accountName, issuer).toString();
}

/** The time step a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The step whose code this is, within the drift window around `now`; null when it matches none. */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totpStep(now) + delta;
}

/** The code of a step (tests and the e2e fixture compute codes the way an app does). */
export function totpCodeAt(secret: string, step: number): string {
  return totpFor(secret).generate({ timestamp: step * TOTP_PERIOD_SECONDS * 1000 });
}

/** A setup key as people type it: groups of four. */
export function formatSetupKey(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}
