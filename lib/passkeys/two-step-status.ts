import 'server-only';
import { getDb } from '@/db';
import { twoStepStatus as statusOf } from '@/lib/two-step/status';

/** Two-step status for pages (which do not hold a database handle). */
export async function twoStepStatus(userId: string) {
  return statusOf(await getDb(), userId);
}
