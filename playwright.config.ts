// Fixtures use the product's own helpers (password hashing); `server-only` is empty in this Node
// process, as it is for the scripts. Workers load this file too.
import './scripts/preload.mjs';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/chromium';
import { freePort } from './tests/support/ports';

// Ports are chosen once, in the runner; workers inherit them through the environment.
process.env.E2E_PORT ??= String(await freePort());
process.env.E2E_BASE_URL ??= `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  // The CI's second pass runs the suite again through a pooler (.ci/run). Two specs would only repeat
  // themselves there: one starts its own server on its own embedded database, and the accessibility
  // check reads the markup of pages the other specs already load through the pooler.
  testIgnore: process.env.E2E_POOLED_PASS ? ['**/local-mailbox-production.spec.ts', '**/accessibility.spec.ts'] : undefined,
  globalSetup: './tests/e2e/global-setup.ts',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
