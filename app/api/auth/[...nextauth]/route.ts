// Auth.js endpoints (session, CSRF, sign-out, provider sign-in and callbacks). Failed provider
// callbacks are logged in login_events and sent to /login with a specific error code.
import { handlers } from '@/auth';
import { withCallbackFailureLog } from '@/lib/auth/social/log-callback-failures';

export const GET = withCallbackFailureLog(handlers.GET);
export const POST = withCallbackFailureLog(handlers.POST);
