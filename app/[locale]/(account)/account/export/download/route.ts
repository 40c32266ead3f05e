// POST /account/export/download — "Download my data": the signed-in person's data as a JSON
// attachment, streamed. The form on /account/export posts here (same origin: proxy.ts refuses other
// origins). Needs a fresh sign-in or the current password, at most DATA_EXPORT_PER_DAY a day; each
// download is recorded and mailed. A refusal goes back to the page with ?error=<code> (303).
import { NextResponse } from 'next/server';
import { authorizeDataExport, dataExportFileName, streamDataExport } from '@/lib/account/export-data';
import { mustChangePassword } from '@/lib/auth/password-expiry';
import { getCurrentUser, getSessionAuthTime } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getClientInfo } from '@/lib/http/client-info';

const PAGE = '/account/export';

function back(request: Request, path: string): NextResponse {
  return NextResponse.redirect(new URL(path, request.url), 303);
}

export async function POST(request: Request) {
  const user = await getCurrentUser();
  if (!user) return back(request, `/login?callbackUrl=${encodeURIComponent(PAGE)}`);
  if (mustChangePassword(user)) return back(request, '/account/password?expired=1');
  const form = await request.formData().catch(() => null);
  const typed = form?.get('currentPassword');
  const now = new Date();
  const [client, authTime] = await Promise.all([getClientInfo(), getSessionAuthTime()]);
  const outcome = await authorizeDataExport({ user, currentPassword: typeof typed === 'string' ? typed : null, authTime, ...client, now });
  if (outcome.status !== 'allowed') return back(request, `${PAGE}?error=${outcome.status}`);
  return new Response(streamDataExport(user.id, now), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${dataExportFileName(now, user.timeZone ?? config.ADMIN_TIMEZONE)}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
