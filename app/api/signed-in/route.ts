// GET /api/signed-in — who the header names (components/header-links.tsx): { name, role } of the
// signed-in person, or { signedIn: false } (and the signed-in hint cleared) when the session cookie
// opens no session. Never cached: the answer is this browser's.
import { NextResponse } from 'next/server';
import { getCurrentUser } from '@/lib/auth/session';
import { SIGNED_IN_HINT_COOKIE, type SignedInAnswer } from '@/lib/auth/signed-in-hint';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<NextResponse<SignedInAnswer>> {
  const user = await getCurrentUser();
  const answer: SignedInAnswer = user ? { signedIn: true, name: user.name ?? user.email ?? '', role: user.role } : { signedIn: false };
  const response = NextResponse.json(answer, { headers: { 'Cache-Control': 'private, no-store' } });
  if (!user) response.cookies.delete(SIGNED_IN_HINT_COOKIE);
  return response;
}
