import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

// Auth.js handles a failed provider callback itself (it logs the error, then redirects to the error
// page with a generic code), so the only place that sees *why* is its logger. The callback route
// runs inside captureAuthErrors; the logger hands each error over with reportAuthError.

export type SocialFailureReason = 'access_denied' | 'state_mismatch' | 'provider_error';

const capture = new AsyncLocalStorage<unknown[]>();

/** Runs `task` and returns what it returned with the errors Auth.js logged meanwhile. */
export async function captureAuthErrors<T>(task: () => Promise<T>): Promise<{ result: T; errors: unknown[] }> {
  const errors: unknown[] = [];
  const result = await capture.run(errors, task);
  return { result, errors };
}

/** For Auth.js's logger.error: hands the error to the callback being captured, if any. */
export function reportAuthError(error: unknown): void {
  capture.getStore()?.push(error);
}

type ErrorShape = { type?: unknown; message?: unknown; cause?: unknown; error?: unknown; err?: unknown };

/**
 * Why a provider callback failed, as the login log records it: the person said no at the provider
 * (access_denied), the state/PKCE/nonce checks failed (a forged, replayed or expired callback),
 * or anything else the provider or the exchange got wrong. Auth.js drops the provider's `error`
 * parameter from OAuthCallbackError, so it is read from the callback's own query.
 */
export function classifyAuthError(error: unknown, callbackQuery: URLSearchParams = new URLSearchParams()): SocialFailureReason {
  const shape = (error ?? {}) as ErrorShape;
  const cause = (shape.cause ?? {}) as ErrorShape;
  if (shape.type === 'OAuthCallbackError') return callbackQuery.get('error') === 'access_denied' ? 'access_denied' : 'provider_error';
  if (shape.type === 'InvalidCheck') return 'state_mismatch';
  const inner = (cause.err ?? {}) as ErrorShape;
  if (typeof inner.message === 'string' && /"state"|state (cookie|value)|nonce|code_verifier|pkce/i.test(inner.message)) return 'state_mismatch';
  return 'provider_error';
}

/** The /login?error= code for a failure reason (URLs use dashes). */
export function errorCodeOf(reason: string): string {
  return reason.replaceAll('_', '-');
}
