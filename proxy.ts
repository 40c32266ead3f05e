// Proxy (Next 16, Node runtime), on every request but Next's static files:
// - rewrites every page request and server-action post from /x to /{locale}/x (app/[locale]), the
//   locale by lib/i18n/locale-of-request.ts (cookie, else Accept-Language, else DEFAULT_LOCALE), so
//   public pages can be prerendered once per locale; the public URL has no locale, and a request for
//   /en/x itself lands on /{locale}/en/x, a 404. API routes, app/dev and files are not rewritten.
//   Everything below acts on the public pathname;
// - sets the Content-Security-Policy, computed once per process from the running configuration
//   (form-action must list the social providers configured where the app runs; see
//   lib/http/content-security-policy.ts);
// - shows a signed-in person whose password has expired only /account/password until it is changed.
//   It acts on the flag the session (JWT) got at login and confirms it in the database (only for
//   those sessions), so a session ended or changed elsewhere is not bounced around. A flag the
//   retention sweep sets after login is caught by requireUser on protected pages and actions.
//   API routes, files and server-action posts pass through: the account actions check the flag
//   themselves, and the header's Log out must keep working.
// - lets Auth.js renew the session cookie once it is SESSION_RENEW_AFTER_HOURS old (rolling sessions), and clear
//   one that no longer decrypts. Other requests never enter Auth.js: a visitor without a session
//   cookie costs nothing here, and a signed-in one a single decryption.
// - refuses a page POST (a server action) that Next would fail on with a 500: from another origin
//   (403), larger than Next reads (413, counted when chunked), or not a well-formed call of one of
//   our actions (400; see lib/http/action-request.ts).
// - keeps the signed-in hint (lib/auth/signed-in-hint.ts) in line with the session cookie: set when a
//   session is there without it, cleared when it outlives the session.
import { NextResponse, type NextRequest } from 'next/server';
import { auth } from '@/auth';
import { mustChangePassword } from '@/lib/auth/password-expiry';
import { socialFormActionOrigins } from '@/lib/auth/providers';
import { hasSessionCookie, readSessionClaims, sessionAges, sessionNeedsAuthJs, type SessionClaims } from '@/lib/auth/session-token';
import { SIGNED_IN_HINT_COOKIE } from '@/lib/auth/signed-in-hint';
import { config as settings } from '@/lib/config';
import { refuseMalformedActionPost } from '@/lib/http/action-request';
import { buildContentSecurityPolicy } from '@/lib/http/content-security-policy';
import { cookieOptions } from '@/lib/http/cookie-options';
import { localeOfRequest } from '@/lib/i18n/locale-of-request';
import { findCurrentSessionUser } from '@/lib/sessions/current-session';

const CHANGE_PAGE = '/account/password';
const NOT_A_PAGE = /^\/api\/|\.[a-zA-Z0-9]+$/;
// Not under app/[locale]: API routes, Next's own files, the local inboxes (app/dev), files.
const NOT_LOCALIZED = /^\/(api|_next|dev)(\/|$)|\.[a-zA-Z0-9]+$/;
// next-intl's request header for the locale (its middleware's name): server actions read it.
const NEXT_INTL_LOCALE_HEADER = 'X-NEXT-INTL-LOCALE';

let policy: string | undefined;

/** Auth.js's session handling around our routing: renews (or clears) the cookie on the response. */
const routeWithAuthJs = auth(async (request) => {
  // Only a token due for renewal (or one that did not decrypt) comes here, so reading its claims
  // again costs a second decryption that often, not per request.
  const claims = request.auth ? await readSessionClaims(request.headers) : null;
  return routeSignedIn(request, claims);
});

async function routeSignedIn(request: NextRequest, claims: SessionClaims | null): Promise<NextResponse> {
  const { pathname } = request.nextUrl;
  if (claims?.passwordExpired && pathname !== CHANGE_PAGE && !NOT_A_PAGE.test(pathname) && !request.headers.has('next-action')) {
    // The same check as getCurrentUser: an ended or replaced session is not sent anywhere.
    const current = await findCurrentSessionUser(claims);
    if (current && mustChangePassword(current.user)) return NextResponse.redirect(new URL(`${CHANGE_PAGE}?expired=1`, request.nextUrl));
  }
  return onward(request);
}

/** On to the route: a page (or its server action) at its locale's copy under app/[locale], anything else as it is. */
function onward(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  if (NOT_LOCALIZED.test(pathname)) return NextResponse.next();
  const locale = localeOfRequest(request);
  const target = request.nextUrl.clone();
  target.pathname = pathname === '/' ? `/${locale}` : `/${locale}${pathname}`;
  const headers = new Headers(request.headers);
  headers.set(NEXT_INTL_LOCALE_HEADER, locale);
  return NextResponse.rewrite(target, { request: { headers } });
}

async function route(request: NextRequest): Promise<Response> {
  if (!hasSessionCookie(request.headers.get('cookie'))) return onward(request);
  const claims = await readSessionClaims(request.headers);
  if (claims && !sessionNeedsAuthJs(claims, Date.now() / 1000, sessionAges().renewAfterSeconds)) return routeSignedIn(request, claims);
  // With a lazy config (auth.ts), next-auth's auth(handler) gives back a promise of the handler,
  // typed as a route handler whose context we do not use.
  const handler = await routeWithAuthJs;
  return (await handler(request, { params: Promise.resolve({}) })) ?? onward(request);
}

export async function proxy(request: NextRequest) {
  policy ??= buildContentSecurityPolicy({ production: settings.NODE_ENV === 'production', formActionOrigins: socialFormActionOrigins() });
  if (request.method === 'POST' && !request.nextUrl.pathname.startsWith('/api/')) {
    const refusal = await refuseMalformedActionPost(request, request.headers.get('x-forwarded-host') ?? request.headers.get('host'));
    if (refusal) return new NextResponse(refusal.text, { status: refusal.status, headers: { 'Content-Security-Policy': policy, 'content-type': 'text/plain' } });
  }
  const response = await route(request);
  response.headers.set('Content-Security-Policy', policy);
  keepSignedInHint(request, response);
  return response;
}

/**
 * The signed-in hint follows the session cookie on page loads. A cookie that no longer opens a
 * session keeps the hint until it is gone; meanwhile /api/signed-in answers that nobody is signed in.
 */
function keepSignedInHint(request: NextRequest, response: Response) {
  // A post may be a sign-in or Log out, which set or clear the hint themselves.
  if (request.method !== 'GET' && request.method !== 'HEAD') return;
  const hinted = request.cookies.has(SIGNED_IN_HINT_COOKIE);
  const session = hasSessionCookie(request.headers.get('cookie'));
  if (session === hinted) return;
  const hint = `${SIGNED_IN_HINT_COOKIE}=${session ? '1' : ''}`;
  const { path, maxAge, sameSite, secure } = cookieOptions('/', session ? sessionAges().maxAgeSeconds : 0, { readableByScripts: true });
  response.headers.append('set-cookie', `${hint}; Path=${path}; Max-Age=${maxAge}; SameSite=${sameSite}${secure ? '; Secure' : ''}`);
}

export const config = {
  // Everything but Next's static files: pages, server actions, API routes.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
