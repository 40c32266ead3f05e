// GET /admin/marketing/export — the marketing audience (consent in force per channel, consent date,
// last confirmation) as CSV, streamed in keyset chunks. Admins only: anyone else gets the same 404
// as for a page that does not exist. Each export is audited.
import { recordAdminAction } from '@/lib/admin/audit';
import { streamMarketingAudienceCsv } from '@/lib/admin/export-marketing-audience';
import { getCurrentUser } from '@/lib/auth/session';
import { config } from '@/lib/config';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const admin = await getCurrentUser();
  if (!admin || admin.role !== 'admin') return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });

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
