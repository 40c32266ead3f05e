// The sweep under real cron behaviour: repeated, killed, concurrent and time-boxed runs all end in
// the state of one clean run, with every mail enqueued once.
import { eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db';
import { jobLeases, sweepRuns } from '@/db/schema';
import { runSweep, SWEEP_LEASE_NAME, type SweepResult } from '@/lib/retention/run-sweep';
import { resetDatabase } from './fixtures/database';
import { NOW, idOf, outbox, seedMix, snapshot } from './fixtures/retention';

async function controlSnapshot() {
  await resetDatabase();
  await seedMix();
  const result = await runSweep({ now: NOW, trigger: 'cli', drainMs: 0 });
  expect(result.status).toBe('finished');
  const state = await snapshot();
  await resetDatabase();
  return state;
}

const counted = (result: SweepResult) => (result.status === 'skipped' ? {} : result.counts);

describe('retention sweep runs', () => {
  beforeEach(resetDatabase);

  it('changes nothing and mails nothing on a second run, and records both runs', async () => {
    await seedMix();
    const first = await runSweep({ now: NOW, trigger: 'cron', drainMs: 0 });
    expect(first).toMatchObject({ status: 'finished', finished: true });
    expect(counted(first)).toMatchObject({ dormancyWarning: 4, dormancy: 5, withdrawnDeletion: 3, passwordExpiry: 3, unverifiedDeletion: 3 });
    const state = await snapshot();
    expect(state.mail).toHaveLength(4 + 5 + 3 + 3);

    const second = await runSweep({ now: NOW, trigger: 'cron', drainMs: 0 });
    expect(second.status).toBe('finished');
    expect(Object.values(counted(second)).every((count) => count === 0)).toBe(true);
    expect(await snapshot()).toEqual(state);

    const db = await getDb();
    const runs = await db.select().from(sweepRuns).orderBy(sweepRuns.startedAt);
    expect(runs.map((run) => [run.status, run.trigger])).toEqual([
      ['finished', 'cron'],
      ['finished', 'cron'],
    ]);
    expect(runs[0].counts).toMatchObject({ dormancy: 5, withdrawnDeletion: 3 });
    expect(runs[0].finishedAt!.getTime()).toBeGreaterThanOrEqual(runs[0].startedAt.getTime());
    expect(await db.select().from(jobLeases)).toHaveLength(0);
  });

  it('ends in the same state with no duplicate mail when a run dies between batches and the next one carries on', async () => {
    const expected = await controlSnapshot();
    await seedMix();
    let batches = 0;
    const killed = await runSweep({
      now: NOW,
      trigger: 'cron',
      drainMs: 0,
      batchSize: 2,
      afterBatch: ({ step }) => {
        if (step === 'dormancy' && ++batches === 2) throw new Error('killed by the platform');
      },
    });
    expect(killed).toMatchObject({ status: 'failed', finished: false, error: 'killed by the platform' });
    expect(counted(killed)).toMatchObject({ dormancy: 4 });
    const db = await getDb();
    expect((await db.select().from(sweepRuns)).map((run) => run.status)).toEqual(['failed']);

    const resumed = await runSweep({ now: NOW, trigger: 'cron', drainMs: 0, batchSize: 2 });
    expect(resumed.status).toBe('finished');
    expect(counted(resumed)).toMatchObject({ dormancy: 1 });
    expect(await snapshot()).toEqual(expected);
  });

  it('takes over from a run that died holding the lease once the lease has expired', async () => {
    await seedMix();
    const db = await getDb();
    await db.insert(sweepRuns).values({ id: idOf(999), status: 'running', trigger: 'cron' });
    await db.insert(jobLeases).values({ name: SWEEP_LEASE_NAME, holder: idOf(999), expiresAt: sql`clock_timestamp() + interval '1 minute'` });

    expect(await runSweep({ now: NOW, trigger: 'cron', drainMs: 0 })).toMatchObject({ status: 'skipped', skipped: 'running' });
    expect(await outbox()).toHaveLength(0);

    await db.update(jobLeases).set({ expiresAt: sql`clock_timestamp() - interval '1 second'` });
    expect(await runSweep({ now: NOW, trigger: 'cron', drainMs: 0 })).toMatchObject({ status: 'finished' });
    const [dead] = await db.select().from(sweepRuns).where(eq(sweepRuns.id, idOf(999)));
    expect(dead).toMatchObject({ status: 'failed', error: expect.stringContaining('interrupted') });
  });

  it('lets one of two concurrent runs work and tells the other it is already running', async () => {
    const expected = await controlSnapshot();
    await seedMix();
    const results = await Promise.all([runSweep({ now: NOW, trigger: 'cron', drainMs: 0 }), runSweep({ now: NOW, trigger: 'cron', drainMs: 0 })]);
    expect(results.map((result) => result.status).sort()).toEqual(['finished', 'skipped']);
    expect(results.find((result) => result.status === 'skipped')).toMatchObject({ skipped: 'running' });
    expect(await snapshot()).toEqual(expected);
    const db = await getDb();
    expect((await db.select().from(sweepRuns)).map((run) => run.status).sort()).toEqual(['finished', 'skipped']);
  });

  it('finishes over several calls under a tiny time budget with the same result as one call', async () => {
    const expected = await controlSnapshot();
    await seedMix();
    const statuses: string[] = [];
    for (let call = 0; call < 50; call++) {
      const result = await runSweep({ now: NOW, trigger: 'cron', drainMs: 0, timeBudgetMs: 0, batchSize: 2 });
      statuses.push(result.status);
      if (result.status === 'finished') break;
      expect(result).toMatchObject({ status: 'partial', finished: false, stoppedBecause: 'time_budget' });
    }
    expect(statuses.at(-1)).toBe('finished');
    expect(statuses.length).toBeGreaterThan(5);
    expect(await snapshot()).toEqual(expected);
  });
});
