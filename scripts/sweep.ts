// `npm run sweep`: the retention sweep from the command line, for crontab, systemd timers or a
// Kubernetes CronJob against DATABASE_URL. Prints the run's counts per step as JSON; exits 1 when the
// run failed, 0 otherwise (also when another run holds the lease, or the time budget ran out: run it again).
// With the embedded database, stop `npm run dev` first: PGlite serves one process at a time.
import { closeDb } from '@/db';
import { runSweep } from '@/lib/retention/run-sweep';
import { describeStartupError } from '@/lib/startup';

try {
  const result = await runSweep({ now: new Date(), trigger: 'cli' });
  console.log(JSON.stringify(result, null, 2));
  await closeDb();
  process.exit(result.status === 'failed' ? 1 : 0);
} catch (error) {
  console.error(describeStartupError(error));
  process.exit(1);
}
