// A sweep killed at twenty random points and run again until it finishes ends in exactly the state,
// and with exactly the mail, of one clean run. Small batches make many kill points; the kill points
// come from a seeded PRNG (KILL_SEED to replay one; the seed is printed).
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb, queryRows } from '@/db';
import { adminAudit, authTokens, jobLeases, loginEvents, mailOutbox, rateLimitHits, sweepRuns } from '@/db/schema';
import { runSweep, SWEEP_LEASE_NAME } from '@/lib/retention/run-sweep';
import type { StepName } from '@/lib/retention/steps';
import { resetDatabase } from './fixtures/database';
import { NOW, ago, days, idOf, seedMix, snapshot } from './fixtures/retention';

const SEED = Number(process.env.KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
const KILLS = 20;
const BATCH_SIZE = 3;
const COPIES = 4;

/** The mix of accounts, tokens, logs, rate-limit hits, audit rows and sent mail, identical every time. */
async function seedWorld() {
  const accounts = await seedMix(COPIES);
  const db = await getDb();
  const some = (count: number) => Array.from({ length: count }, (_, i) => i);
  await db.insert(authTokens).values(
    some(20).map((i) => ({
      userId: idOf(1 + (i % accounts)),
      purpose: 'reset_password' as const,
      tokenHash: `token-${i}`,
      expiresAt: i % 2 ? ago(days(1)) : new Date(NOW.getTime() + days(1)),
      createdAt: ago(days(2)),
    })),
  );
  await db
    .insert(loginEvents)
    .values(some(15).map((i) => ({ userId: null, email: `old${i}@example.com`, success: false, reason: 'unknown_email', createdAt: ago(days(366 + i)) })));
  await db.insert(rateLimitHits).values(some(15).map((i) => ({ key: `k${i % 4}`, createdAt: ago(days(i % 3 ? 2 : 0.5)) })));
  await db.insert(adminAudit).values(some(12).map((i) => ({ action: 'user.view', target: `t${i}`, createdAt: ago(days(i % 2 ? 400 : 10)) })));
  await db.insert(mailOutbox).values(
    some(15).map((i) => ({
      toAddress: `sent${i}@example.com`,
      template: 'password-changed',
      props: null,
      dedupeKey: `old-mail/${i}`,
      status: 'sent' as const,
      createdAt: ago(days(i % 3 ? 40 : 5)),
      sentAt: ago(days(i % 3 ? 40 : 5)),
    })),
  );
}

/** What the sweep leaves behind, with the purged tables as the rows that are left. */
async function finalState() {
  const db = await getDb();
  return {
    ...(await snapshot()),
    rateLimitHits: await queryRows(db, sql`select key, created_at from rate_limit_hits order by id`),
    adminAudit: await queryRows(db, sql`select target, created_at from admin_audit order by id`),
    leases: await queryRows(db, sql`select name from job_leases`),
  };
}

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Killed extends Error {}

describe('retention sweep killed at random points', () => {
  beforeEach(resetDatabase);
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it(`ends, after ${KILLS} kills and a re-run, exactly as one clean run`, async () => {
    console.log(`[kill] KILL_SEED=${SEED}`);
    // Every killed run logs its failure; twenty of those say nothing here.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await seedWorld();
    const stepsSeen: StepName[] = [];
    const clean = await runSweep({ now: NOW, trigger: 'cron', drainMs: 0, batchSize: BATCH_SIZE, afterBatch: ({ step, count }) => {
        if (count > 0) stepsSeen.push(step);
      },
    });
    expect(clean.status).toBe('finished');
    const expected = await finalState();
    const workBatches = stepsSeen.length;
    expect(workBatches).toBeGreaterThan(40);
    expect(expected.mail.length).toBeGreaterThan(50);

    await resetDatabase();
    await seedWorld();
    const random = prng(SEED);
    const db = await getDb();
    const killedIn = new Set<StepName>();
    // Twenty distinct points along the clean run's batches of work, counted across runs: each run
    // dies at the next point, so the kills spread over every step with work to do.
    const points = new Set<number>();
    while (points.size < KILLS) points.add(Math.floor(random() * workBatches));
    const killPoints = [...points].sort((a, b) => a - b);
    let kills = 0;
    let workDone = 0;
    for (const killAt of killPoints) {
      const result = await runSweep({
        now: NOW,
        trigger: 'cron',
        drainMs: 0,
        batchSize: BATCH_SIZE,
        afterBatch: ({ step, count }) => {
          if (count > 0 && workDone++ === killAt) {
            killedIn.add(step);
            throw new Killed(`killed after batch ${killAt} in ${step}`);
          }
        },
      });
      expect(result, `kill at ${killAt} (seed ${SEED})`).toMatchObject({ status: 'failed', finished: false, error: expect.stringContaining('killed after batch') });
      kills += 1;
      if (kills % 2) {
        // Half the kills are of the process itself: nothing ran the cleanup, the lease (now expired)
        // and a 'running' run row stay behind.
        await db.insert(sweepRuns).values({ status: 'running', trigger: 'cron' });
        await db.insert(jobLeases).values({ name: SWEEP_LEASE_NAME, holder: `dead-${kills}`, expiresAt: sql`clock_timestamp() - interval '1 second'` });
      }
    }
    const rerun = await runSweep({ now: NOW, trigger: 'cron', drainMs: 0, batchSize: BATCH_SIZE });
    expect(rerun.status).toBe('finished');

    console.log(`[kill] ${kills} kills, in ${[...killedIn].join(', ')}`);
    expect(kills).toBe(KILLS);
    expect(killedIn.size, `kills landed in ${[...killedIn].join(', ')}`).toBeGreaterThan(3);
    expect(await finalState()).toEqual(expected);
    const runs = await queryRows<{ status: string; n: number | string }>(db, sql`select status, count(*) as n from sweep_runs group by status order by status`);
    expect(runs.map((run) => run.status)).not.toContain('running');
  });
});
