import 'server-only';
import type { NextRequest } from 'next/server';
import { getDb } from '@/db';
import { recordLoginEvent } from '@/lib/auth/login-events';
import { isSocialProviderId } from '@/lib/auth/providers';
import { clientInfoFrom } from '@/lib/http/client-info';
import { captureAuthErrors, classifyAuthError, errorCodeOf } from './callback-failures';

type RouteHandler = (request: NextRequest) => Promise<Response>;

const CALLBACK_PATH = /^\/api\/auth\/callback\/([^/]+)$/;

/**
 * Wraps an Auth.js route handler so that a provider callback Auth.js rejected (consent denied,
 * state mismatch, provider error) becomes a login_events row and lands on /login with our own,
 * specific error code instead of Auth.js's generic one.
 */
export function withCallbackFailureLog(handler: RouteHandler): RouteHandler {
  return async (request) => {
    const provider = CALLBACK_PATH.exec(request.nextUrl.pathname)?.[1];
    if (!provider || !isSocialProviderId(provider)) return handler(request);
    const { result: response, errors } = await captureAuthErrors(() => handler(request));
    const location = response.headers.get('location');
    if (!errors.length || !location || response.status < 300 || response.status >= 400) return response;

    const reason = classifyAuthError(errors[0], request.nextUrl.searchParams);
    const client = clientInfoFrom(request.headers);
    try {
      await recordLoginEvent(await getDb(), { userId: null, email: null, ...client, reason, success: false, provider, now: new Date() });
    } catch (error) {
      console.error('login log: could not record a failed provider callback', error);
    }
    const headers = new Headers(response.headers);
    headers.set('location', `/login?error=${errorCodeOf(reason)}`);
    return new Response(null, { status: response.status, headers });
  };
}
