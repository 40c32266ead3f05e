import 'server-only';
import { randomUUID } from 'node:crypto';
import { getDb } from '@/db';
import type { SweepCursor } from '@/db/retention-queries';
import type { SweepRunStatus } from '@/db/schema';
import { failAbandonedSweepRuns, finishSweepRun, insertSweepRun } from '@/db/sweep-run-queries';
import { config } from '@/lib/config';
import { drainOutbox } from '@/lib/mail/drain-outbox';
import { acquireLease, LEASE_RENEW_MS, releaseLease, renewLease, type Lease } from './lease';
import { stepNames, sweepContext, sweepSteps, type StepName, type SweepContext } from './steps';

export type SweepTrigger = 'cron' | 'cli' | 'admin';

export type SweepCounts = Record<StepName | 'mailSent', number>;

export type SweepResult =
  | { status: Extract<SweepRunStatus, 'skipped'>; skipped: 'running'; runId: string; trigger: SweepTrigger }
  | {
      /** How a run that ran ended (the sweep_runs statuses but 'running' and 'skipped'). */
      status: Exclude<SweepRunStatus, 'running' | 'skipped'>;
      /** False when the run stopped early (time budget, lost lease, failure): the next run carries on. */
      finished: boolean;
      runId: string;
      trigger: SweepTrigger;
      counts: SweepCounts;
      durationMs: number;
      stoppedBecause?: 'time_budget' | 'lease_lost';
      error?: string;
    };

export type SweepOptions = {
  /** The sweep's clock: every period is measured back from here. */
  now: Date;
  trigger: SweepTrigger;
  /** Wall time the steps may use; after it the run stops between batches. */
  timeBudgetMs?: number;
  batchSize?: number;
  /** Wall time mail delivery may use after the steps (default MAIL_DRAIN_TIME_BUDGET_MS; 0 skips it). */
  drainMs?: number;
  /** Called after every committed batch; tests throw here to play a run killed between batches. */
  afterBatch?: (batch: { step: StepName; count: number }) => void | Promise<void>;
  /** Settings other than the configuration's, for this run only (tests play other policies). */
  settings?: Partial<SweepContext['settings']>;
};

export const SWEEP_LEASE_NAME = 'retention-sweep';

/**
 * One retention sweep: each step in turn, batch by batch, under a lease so only one run works at a
 * time, then mail delivery. Safe to call any number of times: a run that stops early (time budget,
 * crash) leaves everything consistent and the next run carries on; mail goes out once per event.
 */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const started = Date.now();
  const db = await getDb();
  const runId = randomUUID();
  const lease: Lease = { name: SWEEP_LEASE_NAME, holder: runId };
  const trigger = options.trigger;

  if (!(await acquireLease(db, lease))) {
    await insertSweepRun(db, { id: runId, status: 'skipped', trigger, finished: true });
    return { status: 'skipped', skipped: 'running', runId, trigger };
  }

  const counts = Object.fromEntries([...stepNames, 'mailSent'].map((name) => [name, 0])) as SweepCounts;
  const deadline = started + (options.timeBudgetMs ?? config.SWEEP_TIME_BUDGET_MS);
  const context = sweepContext({ now: options.now, batchSize: options.batchSize ?? config.SWEEP_BATCH_SIZE, config: { ...config, ...options.settings } });
  let stoppedBecause: 'time_budget' | 'lease_lost' | undefined;
  let failure: string | undefined;

  try {
    await insertSweepRun(db, { id: runId, status: 'running', trigger });
    await failAbandonedSweepRuns(db, runId);

    let workDone = false;
    let renewedAt = Date.now();
    steps: for (const step of sweepSteps) {
      let cursor: SweepCursor | null = null;
      for (;;) {
        // Stop only between batches, and only once this call has done something, so even a budget
        // shorter than one batch moves the work forward call by call.
        if (workDone && Date.now() >= deadline) {
          stoppedBecause = 'time_budget';
          break steps;
        }
        const outcome = await step.runBatch(db, context, cursor);
        counts[step.name] += outcome.count;
        if (outcome.count > 0) workDone = true;
        await options.afterBatch?.({ step: step.name, count: outcome.count });
        if (Date.now() - renewedAt >= LEASE_RENEW_MS) {
          if (!(await renewLease(db, lease))) {
            stoppedBecause = 'lease_lost';
            break steps;
          }
          renewedAt = Date.now();
        }
        if (outcome.done) break;
        cursor = outcome.cursor ?? null;
      }
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }

  try {
    // With the default budgets (240 s of steps, 50 s of mail) a run ends inside Vercel's 300 s.
    const drainMs = options.drainMs ?? config.MAIL_DRAIN_TIME_BUDGET_MS;
    if (drainMs > 0) counts.mailSent = (await drainOutbox({ deadline: Date.now() + drainMs })).sent;
  } catch (error) {
    failure ??= `mail delivery: ${error instanceof Error ? error.message : String(error)}`;
  }

  const status = failure ? 'failed' : stoppedBecause ? 'partial' : 'finished';
  try {
    await finishSweepRun(db, { id: runId, status, counts, error: failure });
  } finally {
    await releaseLease(db, lease);
  }
  if (failure) console.error(`[sweep] run ${runId} failed: ${failure}`);
  return {
    status,
    finished: status === 'finished',
    runId,
    trigger,
    counts,
    durationMs: Date.now() - started,
    ...(stoppedBecause ? { stoppedBecause } : {}),
    ...(failure ? { error: failure } : {}),
  };
}
