/**
 * Spaces requests to the rate the provider announces, and holds them back when it says to wait.
 * Learns the limit from `ratelimit-limit` (per `ratelimit-policy`'s window when given, else per
 * second, which is how Resend states its limits); nothing about the provider's rate is hard-coded.
 */
export class RatePacer {
  private nextAt = 0;
  private spacingMs = 0;

  // A little under the announced rate: the provider's clock and ours see requests a few ms apart.
  constructor(private readonly headroom = 1.05) {}

  /** Milliseconds to wait before the next request may start. */
  delayMs(now = Date.now()): number {
    return Math.max(0, this.nextAt - now);
  }

  /** Records that a request starts now. */
  take(now = Date.now()): void {
    this.nextAt = Math.max(this.nextAt, now) + this.spacingMs;
  }

  /** Holds every request back for `ms` (a 429's retry-after). */
  pause(ms: number, now = Date.now()): void {
    this.nextAt = Math.max(this.nextAt, now + ms);
  }

  /** Reads the rate-limit headers of a response. */
  observe(headers: Record<string, string> | null): void {
    const limit = Number(headers?.['ratelimit-limit']);
    if (!Number.isFinite(limit) || limit <= 0) return;
    const window = Number(/(?:^|;)\s*w=(\d+(?:\.\d+)?)/.exec(headers?.['ratelimit-policy'] ?? '')?.[1] ?? 1);
    this.spacingMs = ((window * 1000) / limit) * this.headroom;
  }
}

/** How long a 429 asks us to wait: `retry-after` (seconds or a date), else `ratelimit-reset`, else a second. */
export function retryAfterMs(headers: Record<string, string> | null, now = Date.now()): number {
  const retryAfter = headers?.['retry-after'];
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = Number(headers?.['ratelimit-reset']);
  if (Number.isFinite(reset) && reset >= 0) return reset * 1000;
  return 1000;
}
