// `npm test`: every check a change must pass, in order, stopping at the first failure.
// lint → typecheck → unit → integration → next build → end-to-end (Chromium against the built app under `npm start`'s server.mjs).
import { spawnSync } from 'node:child_process';

const steps = [
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['unit', 'npx', ['vitest', 'run', '--project', 'unit']],
  ['integration', 'npx', ['vitest', 'run', '--project', 'integration']],
  ['build', 'npx', ['next', 'build']],
  ['e2e', 'npx', ['playwright', 'test']],
];

const only = process.argv.slice(2);
const database = process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL (fresh database per run)' : 'embedded PGlite';
console.log(`npm test: running on ${database}`);
const timings = [];
for (const [name, command, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${name} ${seconds}s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed after ${seconds}s (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}
console.log(`\n✓ all checks passed: ${timings.join(', ')}`);
