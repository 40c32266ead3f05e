// Fixtures use the product's own helpers (password hashing); `server-only` is empty in this Node
// process, as it is for the scripts. Workers load this file too.
import './scripts/preload.mjs';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/support/chromium';
import { freePort } from './tests/support/ports';

// Ports are chosen once, in the runner; workers inherit them through the environment.
process.env.E2E_PORT ??= String(await freePort());
process.env.E2E_BASE_URL ??= `http://127.0.0.1:${process.env.E2E_PORT}`;

const POOLED_PASS_SKIPS = [
  'local-mailbox-production',
  'accessibility',
  'security-headers',
  'security-hardening',
  'landing',
  'locale-switcher',
  'prerendered-pages',
  'form-action',
  'fuzz',
  'fuzz-consent',
  'fuzz-passkeys',
  'fuzz-sessions',
  'fuzz-sms',
  'fuzz-two-step',
  'social-sign-in',
  'social-failures',
  'social-connections',
  'social-reauthenticate',
  'mailbox',
  'sms-local-inbox',
];

export default defineConfig({
  testDir: 'tests/e2e',
  // The CI's second pass runs the suite again through a pooler (.ci/run): the specs whose flows write
  // and read the database through the app (sign-up, sessions, two-step, passkeys, account, admin,
  // retention, consent, phone, two instances, the database outage). Left out there, as they would only
  // repeat the first pass: the one that starts its own server on its own embedded database; the
  // markup checks (accessibility, headers, landing, language, prerendering); the fuzz specs (the junk
  // they send is refused before any query, and what does reach the database is the same statements
  // the flows run); the social provider flows (their database side is tests/integration/social-accounts
  // through the pooler too); and the local inboxes. This keeps the CI within its 20 minutes.
  testIgnore: process.env.E2E_POOLED_PASS ? POOLED_PASS_SKIPS.map((name) => `**/${name}.spec.ts`) : undefined,
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
