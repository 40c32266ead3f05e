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

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own browser; undefined means Playwright's. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
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
      '  - Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium\n' +
      '  - Playwright\'s own browser: npx playwright install chromium\n' +
      'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}
