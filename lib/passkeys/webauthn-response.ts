import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { z } from 'zod';

// What a browser posts back from navigator.credentials (as @simplewebauthn/browser encodes it),
// checked for shape before the library looks at it; anything else is refused as input.

const base64url = z.string().min(1).max(4096).regex(/^[A-Za-z0-9_-]+$/);
const optional = base64url.optional();

const common = {
  id: base64url,
  rawId: base64url,
  type: z.literal('public-key'),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
};

const registrationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url,
    attestationObject: z.string().min(1).max(16_384).regex(/^[A-Za-z0-9_-]+$/),
    authenticatorData: optional,
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: optional,
  }),
});

const authenticationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: optional,
  }),
});

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.length > 32_768) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A registration response posted as JSON text, or null when it is not one. */
export function parseRegistrationResponse(text: unknown): RegistrationResponseJSON | null {
  const parsed = registrationSchema.safeParse(parseJson(text));
  return parsed.success ? (parsed.data as RegistrationResponseJSON) : null;
}

/** An authentication (assertion) response posted as JSON text, or null when it is not one. */
export function parseAuthenticationResponse(text: unknown): AuthenticationResponseJSON | null {
  const parsed = authenticationSchema.safeParse(parseJson(text));
  return parsed.success ? (parsed.data as AuthenticationResponseJSON) : null;
}
