// GET /admin/logins/export?email=&ip=&outcome=&from=&to= — the login log under the same filters as
// /admin/logins, as CSV, streamed in keyset chunks (works for millions of rows). Admins only: anyone
// else gets the same 404 as for a page that does not exist. Each export is audited.
import { recordAdminAction } from '@/lib/admin/audit';
import { streamLoginEventsCsv } from '@/lib/admin/export-login-events';
import { parseLoginFilters } from '@/lib/admin/login-filters';
import { ADMIN_TWO_STEP_PATH, checkAdminAccess } from '@/lib/auth/session';
import { config } from '@/lib/config';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const access = await checkAdminAccess();
  if (access.status === 'not-found') return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  if (access.status === 'two-step-required') return new Response(null, { status: 303, headers: { location: ADMIN_TWO_STEP_PATH } });
  const admin = access.admin;

  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { form, filter, errors } = parseLoginFilters(params, config.ADMIN_TIMEZONE);
  if (Object.keys(errors).length) return new Response(`Invalid filter: ${Object.keys(errors).join(', ')}`, { status: 400 });

  await recordAdminAction(admin, 'logins.export', { details: { ...form } });
  const stamp = new Date().toISOString().replaceAll(/[:.]/g, '-');
  return new Response(streamLoginEventsCsv(filter, config.ADMIN_TIMEZONE), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="login-events-${stamp}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
