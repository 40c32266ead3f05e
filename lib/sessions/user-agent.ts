import Bowser from 'bowser';

// Browser and operating system of a session or sign-in, for people to recognise their devices.
// Bowser (MIT, maintained) rather than ua-parser-js, whose current major (2.x) is AGPL-3.0.

export type DeviceDescription = { browser: string | null; os: string | null };

const cache = new Map<string, DeviceDescription>();
const CACHE_MAX = 500;

export function describeUserAgent(userAgent: string | null): DeviceDescription {
  if (!userAgent) return { browser: null, os: null };
  const cached = cache.get(userAgent);
  if (cached) return cached;
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split('.')[0];
  const browser = parsed.browser.name ? [parsed.browser.name, major].filter(Boolean).join(' ') : null;
  const os = parsed.os.name ? [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(' ') : null;
  const description = { browser, os };
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(userAgent, description);
  return description;
}
