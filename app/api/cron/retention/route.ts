// GET /api/cron/retention: the daily retention sweep (vercel.json schedules it at 15:00 UTC, midnight in Seoul).
// Vercel Cron calls it with `Authorization: Bearer $CRON_SECRET`, checked first; 401 without it, 503
// when no secret is configured. Runs the sweep within SWEEP_TIME_BUDGET_MS, then delivers mail, and
// answers the run's counts per step: 200 when finished, partial (the next call carries on) or skipped
// (another run holds the lease), 500 when it failed. Repeated or overlapping calls are safe.
import { NextResponse } from 'next/server';
import { runSweep } from '@/lib/retention/run-sweep';
import { rejectUnauthorizedCron } from '@/lib/http/cron-auth';

export const dynamic = 'force-dynamic';
export const maxDuration = 300;

export async function GET(request: Request) {
  const refused = rejectUnauthorizedCron(request);
  if (refused) return refused;
  const result = await runSweep({ now: new Date(), trigger: 'cron' });
  return NextResponse.json(result, { status: result.status === 'failed' ? 500 : 200, headers: { 'cache-control': 'no-store' } });
}
