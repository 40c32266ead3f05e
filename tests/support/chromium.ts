import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

// Debian's `chromium-headless-shell` is the same engine without the browser's own UI: the full
// `chromium` in headless mode still runs its tab strip and a GPU process, which cost the suite about
// a quarter of its CPU (measured on a sessions + signup run: 112 s against 86 s of CPU).
const DEBIAN_HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';

/**
 * CHROMIUM_PATH, else Debian's headless shell, else Debian's /usr/bin/chromium, else Playwright's
 * own browser; undefined means Playwright's.
 */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, DEBIAN_HEADLESS_SHELL, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found) return found;
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return undefined;
  throw new Error(
    'No Chromium found for the end-to-end tests. Install one of:\n' +
      '  - Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium chromium-headless-shell\n' +
      '  - Playwright\'s own browser: npx playwright install chromium\n' +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}
