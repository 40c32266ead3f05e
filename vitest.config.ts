import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const alias = {
  '@': root,
  // `server-only` guards client bundles; tests are plain Node.
  'server-only': path.join(root, 'tests/support/stubs/empty.ts'),
};

// Integration files that measure time or break things on purpose (a 300 ms mail deadline, an
// enumeration timing ratio, rate windows, killed connections and sweeps, a PgBouncer restarted):
// they run one at a time once the others are done, so another file's load cannot fail them.
const SERIAL_INTEGRATION_FILES = ['faults', 'pooler', 'two-step', 'mail-rate-limit', 'retention-kill'].map((name) => `tests/integration/${name}.test.ts`);

const integration = {
  environment: 'node' as const,
  globalSetup: ['tests/integration/global-setup.ts'],
  setupFiles: ['tests/integration/setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 60_000,
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/integration/**/*.test.tsx'],
          exclude: SERIAL_INTEGRATION_FILES,
          ...integration,
          // Each worker has a database of its own (tests/integration/global-setup.ts): files run side by side.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration-serial',
          include: SERIAL_INTEGRATION_FILES,
          ...integration,
          // Deadlines, timing comparisons, killed connections and a pooler of their own: alone, after the rest.
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
