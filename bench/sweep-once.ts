// One retention sweep against DATABASE_URL at the `now` given as the first argument, run by
// bench/sweep.ts in a child process (configuration is read once per process). Prints its wall time.
import { closeDb, ensureDatabase } from '@/db';
import { runSweep } from '@/lib/retention/run-sweep';

async function main() {
  const now = new Date(process.argv[2]);
  await ensureDatabase();
  const started = performance.now();
  const result = await runSweep({ now, trigger: 'cli', timeBudgetMs: 3_600_000, drainMs: 0 });
  const total = performance.now() - started;
  await closeDb();
  if (result.status !== 'finished') throw new Error(`sweep did not finish: ${JSON.stringify(result)}`);
  console.log(JSON.stringify({ total }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
