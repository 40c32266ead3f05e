// GET /verify-email?token=… — the link in the verification mail.
// Uses the token up and redirects: valid → /login?verified=1 (no automatic login);
// already used on a verified account → /verify-email/already-verified; anything else →
// /verify-email/invalid. A link-scanner that opens the link first only leads to "already verified".
import { type NextRequest, NextResponse } from 'next/server';
import { verifyEmail } from '@/lib/auth/email-verification';
import { config } from '@/lib/config';

export const dynamic = 'force-dynamic';

const DESTINATIONS = {
  verified: '/login?verified=1',
  'already-verified': '/verify-email/already-verified',
  invalid: '/verify-email/invalid',
} as const;

export async function GET(request: NextRequest): Promise<NextResponse> {
  const token = request.nextUrl.searchParams.get('token') ?? '';
  const outcome = await verifyEmail(token, new Date());
  // To the public origin: behind a proxy the request's own host may be an internal one.
  const response = NextResponse.redirect(new URL(DESTINATIONS[outcome.status], config.APP_URL), 303);
  // The token is in this URL: keep it out of caches and referrers.
  response.headers.set('Cache-Control', 'no-store');
  response.headers.set('Referrer-Policy', 'no-referrer');
  return response;
}
