import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb, type Queryable } from '@/db';
import { mailOutbox } from '@/db/schema';
import { deliverSoon } from './deliver-soon';

/**
 * Puts failed mail back in the queue: one row (`id`) or every failed row. The attempt count starts
 * over and the next drain picks them up at once. Returns how many rows were re-queued.
 */
export async function retryFailedMail(opts: { id?: string }, q?: Queryable): Promise<number> {
  const db = q ?? (await getDb());
  const failed = eq(mailOutbox.status, 'failed');
  const rows = await db
    .update(mailOutbox)
    // A fresh idempotency key too: the provider may remember the failed request under the old one.
    .set({ status: 'pending', attempts: 0, nextAttemptAt: new Date(), claimedAt: null, idempotencyKey: null })
    .where(opts.id ? and(failed, eq(mailOutbox.id, opts.id)) : failed)
    .returning({ id: mailOutbox.id });
  // Delivery runs after the response, when a caller's transaction has committed.
  if (rows.length) deliverSoon();
  return rows.length;
}
