// `npm test`: every check a change must pass, in order, stopping at the first failure.
// lint + typecheck (side by side: each keeps one core busy) → unit → integration → next build →
// end-to-end (Chromium against the built app under `npm start`'s server.mjs).
// `node scripts/test.mjs integration e2e` runs only the named steps.
import { spawn } from 'node:child_process';

const stages = [
  [
    ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
    ['typecheck', 'npx', ['tsc', '--noEmit']],
  ],
  [['unit', 'npx', ['vitest', 'run', '--project', 'unit', '--project', 'unit-precompiled']]],
  [['integration', 'npx', ['vitest', 'run', '--project', 'integration', '--project', 'integration-serial']]],
  [['build', 'npx', ['next', 'build']]],
  [['e2e', 'npx', ['playwright', 'test']]],
];

/** Runs one step; alone it streams its output, beside another it is buffered and printed whole. */
function run([name, command, args], { buffered, env = {} }) {
  const started = Date.now();
  if (!buffered) console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => {
      if (buffered) {
        console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
        process.stdout.write(Buffer.concat(output));
      }
      resolve({ name, status: code ?? signal, seconds: ((Date.now() - started) / 1000).toFixed(1) });
    });
  });
}

const only = process.argv.slice(2);
const database = process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL (fresh database per run)' : 'embedded PGlite';
console.log(`npm test: running on ${database}`);
const timings = [];
const passed = new Set();
for (const stage of stages) {
  const steps = stage.filter(([name]) => !only.length || only.includes(name));
  if (!steps.length) continue;
  // The build skips its own type check when this run's typecheck (the whole tree) has passed.
  const env = passed.has('typecheck') ? { LIFECYCLE_TYPECHECKED: '1' } : {};
  const results = await Promise.all(steps.map((step) => run(step, { buffered: steps.length > 1, env })));
  for (const result of results) if (result.status === 0) passed.add(result.name);
  for (const result of results) timings.push(`${result.name} ${result.seconds}s`);
  const failed = results.filter((result) => result.status !== 0);
  if (failed.length) {
    for (const result of failed) console.error(`\n✗ ${result.name} failed after ${result.seconds}s (exit ${result.status})`);
    process.exit(typeof failed[0].status === 'number' ? failed[0].status || 1 : 1);
  }
}
console.log(`\n✓ all checks passed: ${timings.join(', ')}`);
