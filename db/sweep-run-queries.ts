import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Queryable } from './index';
import { sweepRuns, type SweepRunStatus } from './schema';

export async function insertSweepRun(
  q: Queryable,
  input: { id: string; status: SweepRunStatus; trigger: string; finished?: boolean },
): Promise<void> {
  await q.insert(sweepRuns).values({
    id: input.id,
    status: input.status,
    trigger: input.trigger,
    finishedAt: input.finished ? sql`clock_timestamp()` : null,
  });
}

export async function finishSweepRun(
  q: Queryable,
  input: { id: string; status: SweepRunStatus; counts: Record<string, number>; error?: string },
): Promise<void> {
  await q
    .update(sweepRuns)
    .set({ status: input.status, counts: input.counts, error: input.error ?? null, finishedAt: sql`clock_timestamp()` })
    .where(eq(sweepRuns.id, input.id));
}

/** Runs left 'running' by a process that died; only called by the lease holder, so none of them is alive. */
export async function failAbandonedSweepRuns(q: Queryable, currentId: string): Promise<void> {
  await q
    .update(sweepRuns)
    .set({ status: 'failed', error: 'interrupted (the process stopped before the run ended)', finishedAt: sql`clock_timestamp()` })
    .where(and(eq(sweepRuns.status, 'running'), ne(sweepRuns.id, currentId)));
}
