import { describeUserAgent } from '@/lib/sessions/user-agent';
import { PASSKEY_NAME_MAX } from './passkey-name';

/**
 * The name a new passkey gets unless the person types another, from the browser and system that add
 * it ("Chrome on macOS", worded by `both`); `fallback` when the user agent says neither.
 */
export function defaultPasskeyName(userAgent: string | null, both: (browser: string, os: string) => string, fallback: string): string {
  const { browser, os } = describeUserAgent(userAgent);
  const browserName = browser?.replace(/\s+\d+$/, '') ?? null;
  const name = browserName && os ? both(browserName, os) : (browserName ?? os ?? fallback);
  return name.slice(0, PASSKEY_NAME_MAX);
}
