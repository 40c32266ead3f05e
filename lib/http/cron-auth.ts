import 'server-only';
import { NextResponse } from 'next/server';
import { config } from '@/lib/config';
import { authorizeCron } from '@/lib/cron/authorize-cron';

/**
 * The first statement of every cron route: null when the caller sent `Authorization: Bearer
 * <CRON_SECRET>` (compared in constant time), else the answer to send — 401 for a wrong or missing
 * secret, 503 with the reason when CRON_SECRET is not set.
 */
export function rejectUnauthorizedCron(request: Request): NextResponse | null {
  const outcome = authorizeCron(request.headers.get('authorization'), config);
  if (outcome.status === 'authorized') return null;
  if (outcome.status === 'unauthorized') return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  return NextResponse.json({ error: 'not_configured', message: outcome.message }, { status: 503 });
}
