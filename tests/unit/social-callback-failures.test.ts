import { AccessDenied, CallbackRouteError, InvalidCheck, OAuthCallbackError } from '@auth/core/errors';
import { describe, expect, it } from 'vitest';
import { captureAuthErrors, classifyAuthError, reportAuthError } from '@/lib/auth/social/callback-failures';

// Auth.js wraps an unexpected error in CallbackRouteError, keeping it as cause.err (its types say string).
const routeError = (message: string) => new CallbackRouteError(new Error(message) as unknown as string, { provider: 'oidc' } as never);

describe('classifyAuthError', () => {
  it('tells a refused consent from other provider errors by the callback\'s error parameter', () => {
    const error = new OAuthCallbackError('OAuth Provider returned an error', { providerId: 'oidc', error: 'access_denied' } as never);
    expect(classifyAuthError(error, new URLSearchParams('error=access_denied&state=x'))).toBe('access_denied');
    expect(classifyAuthError(error, new URLSearchParams('error=server_error&state=x'))).toBe('provider_error');
    expect(classifyAuthError(new InvalidCheck('state cookie was missing'), new URLSearchParams('error=access_denied'))).toBe('state_mismatch');
  });

  it('counts failed state, PKCE and nonce checks as a state mismatch', () => {
    expect(classifyAuthError(new InvalidCheck('state value could not be parsed'))).toBe('state_mismatch');
    expect(classifyAuthError(routeError('unexpected "state" response parameter value'))).toBe('state_mismatch');
  });

  it('calls everything else a provider error', () => {
    expect(classifyAuthError(routeError('fetch failed'))).toBe('provider_error');
    expect(classifyAuthError(new AccessDenied('AccessDenied'))).toBe('provider_error');
    expect(classifyAuthError(undefined)).toBe('provider_error');
  });
});

describe('captureAuthErrors', () => {
  it('collects the errors reported while its task runs, and only those', async () => {
    reportAuthError(new Error('outside'));
    const { result, errors } = await captureAuthErrors(async () => {
      await Promise.resolve();
      reportAuthError(new Error('inside'));
      return 'done';
    });
    expect(result).toBe('done');
    expect(errors.map((error) => (error as Error).message)).toEqual(['inside']);
  });
});
