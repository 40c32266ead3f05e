import 'server-only';
import type { Queryable } from '@/db';
import { loginEvents } from '@/db/schema';

// The login log's vocabulary, shared by password and social sign-ins (`provider` tells them apart).
export const loginReasons = [
  'ok',
  'wrong_password',
  'unknown_email',
  'unverified',
  'locked',
  'rate_limited',
  'dormant',
  'withdrawn',
  'invalid_input',
  // Social sign-in
  'linked',
  'link_required',
  'link_conflict',
  'email_unverified',
  'reauth_mismatch',
  'access_denied',
  'state_mismatch',
  'provider_error',
  // Sessions ended from /account/sessions (success: the person asked)
  'session_revoked',
  'other_sessions_revoked',
  // Two-step sign-in (lib/two-step) and passkeys. two_step_required: the password (or provider)
  // was right and the second step was asked; not a success yet, and not a guess either.
  'two_step_required',
  'two_step_ok',
  'two_step_failed',
  'recovery_code_used',
  'passkey_ok',
  'passkey_failed',
] as const;

/** The reasons of the second step and of passkeys (the admin login log offers each as a filter). */
export const twoStepReasons = ['two_step_required', 'two_step_ok', 'two_step_failed', 'recovery_code_used', 'passkey_ok', 'passkey_failed'] as const;

export type LoginReason = (typeof loginReasons)[number];

export type LoginEventInput = {
  userId: string | null;
  email: string | null;
  ip: string | null;
  userAgent: string | null;
  reason: LoginReason;
  now: Date;
  /** 'credentials' (the default) or a social provider's id. */
  provider?: string;
  /** Defaults to reason 'ok'; a social link that also signs in, or passkey_ok, counts as a success. */
  success?: boolean;
};

const USER_AGENT_MAX = 512;
const EMAIL_MAX = 320;

/**
 * What was typed, as far as a text column holds it: refused input is logged too, and PostgreSQL text
 * cannot hold NUL (the insert would fail and the attempt go unrecorded), so NUL becomes U+FFFD.
 */
function loggable(text: string, max: number): string {
  return text.slice(0, max).replaceAll('\0', '\uFFFD');
}

/** One row of the login log. */
export async function recordLoginEvent(q: Queryable, event: LoginEventInput): Promise<void> {
  await q.insert(loginEvents).values({
    userId: event.userId,
    email: event.email ? loggable(event.email.trim().toLowerCase(), EMAIL_MAX) : null,
    ip: event.ip,
    userAgent: event.userAgent ? loggable(event.userAgent, USER_AGENT_MAX) : null,
    success: event.success ?? event.reason === 'ok',
    reason: event.reason,
    provider: event.provider ?? 'credentials',
    createdAt: event.now,
  });
}
