// GET /admin/marketing/export — the marketing audience (consent in force per channel, consent date,
// last confirmation) as CSV, streamed in keyset chunks. Admins only: anyone else gets the same 404
// as for a page that does not exist. Each export is audited.
import { recordAdminAction } from '@/lib/admin/audit';
import { streamMarketingAudienceCsv } from '@/lib/admin/export-marketing-audience';
import { ADMIN_TWO_STEP_PATH, checkAdminAccess } from '@/lib/auth/session';
import { config } from '@/lib/config';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const access = await checkAdminAccess();
  if (access.status === 'not-found') return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
  if (access.status === 'two-step-required') return new Response(null, { status: 303, headers: { location: ADMIN_TWO_STEP_PATH } });
  const admin = access.admin;

  await recordAdminAction(admin, 'marketing.export');
  const stamp = new Date().toISOString().replaceAll(/[:.]/g, '-');
  return new Response(streamMarketingAudienceCsv(config.ADMIN_TIMEZONE), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="marketing-audience-${stamp}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
