// GET /api/health: liveness with a real database round trip.
// 200 { ok: true, db } when a query answers; 503 { ok: false, db, error } when it does not.
import { NextResponse } from 'next/server';
import { checkDatabase } from '@/db/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const result = await checkDatabase();
  return NextResponse.json(result, { status: result.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
