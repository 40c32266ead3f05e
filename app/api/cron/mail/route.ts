// GET /api/cron/mail: delivers due mail from the outbox (new mail, retries after backoff, mail left
// in 'sending' by a crashed drain). Scheduled every 10 minutes in vercel.json (`*/10 * * * *`;
// Vercel Hobby runs crons only daily, where the retention sweep's drain at its end covers it).
// Vercel calls it with `Authorization: Bearer $CRON_SECRET`; anything else gets 401 (503 when
// CRON_SECRET is unset). Answers 200 { sent, retried, postponed, failed, requests }.
import { NextResponse } from 'next/server';
import { rejectUnauthorizedCron } from '@/lib/http/cron-auth';
import { drainOutbox } from '@/lib/mail/drain-outbox';

export const dynamic = 'force-dynamic';
export const maxDuration = 60;

export async function GET(request: Request) {
  const rejection = rejectUnauthorizedCron(request);
  if (rejection) return rejection;
  const result = await drainOutbox();
  return NextResponse.json(result, { headers: { 'cache-control': 'no-store' } });
}
