import { generateToken, keyedHash, safeEqual } from '@/lib/auth/tokens';

// A social intent says why a signed-in person is being sent to a provider: to link a provider
// account to their account, or to prove it is still them (reauthenticate). It lives in a short-lived
// HttpOnly cookie, signed with AUTH_SECRET and bound to the user id, so the provider callback can
// tell a deliberate link from an ordinary sign-in.

export const socialIntentPurposes = ['link', 'reauthenticate'] as const;
export type SocialIntentPurpose = (typeof socialIntentPurposes)[number];
export type SocialIntent = { purpose: SocialIntentPurpose; userId: string; provider: string };

type Payload = { p: SocialIntentPurpose; u: string; v: string; n: string; e: number };

function signatureOf(secret: string, body: string): string {
  return keyedHash(secret, `social-intent:${body}`);
}

/** The cookie value for an intent that expires at `expiresAt`. */
export function encodeSocialIntent(intent: SocialIntent, secret: string, expiresAt: Date): string {
  const payload: Payload = { p: intent.purpose, u: intent.userId, v: intent.provider, n: generateToken(), e: Math.floor(expiresAt.getTime() / 1000) };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${signatureOf(secret, body)}`;
}

/** The intent in a cookie value, or null when it is missing, forged, malformed or expired. */
export function decodeSocialIntent(value: string | undefined, secret: string, now: Date): SocialIntent | null {
  if (!value) return null;
  const [body, signature, extra] = value.split('.');
  if (!body || !signature || extra !== undefined || !safeEqual(signature, signatureOf(secret, body))) return null;
  let payload: Partial<Payload>;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<Payload>;
  } catch {
    return null;
  }
  if (!payload.p || !(socialIntentPurposes as readonly string[]).includes(payload.p)) return null;
  if (typeof payload.u !== 'string' || typeof payload.v !== 'string' || typeof payload.e !== 'number') return null;
  if (payload.e * 1000 <= now.getTime()) return null;
  return { purpose: payload.p, userId: payload.u, provider: payload.v };
}
