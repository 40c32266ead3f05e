import { beforeEach, describe, expect, it, vi } from 'vitest';

const session = vi.hoisted(() => ({ authTime: 0 }));
// No session record here, so no step-up either (lib/two-step/step-up.ts; integration-tested).
vi.mock('@/lib/auth/session', () => ({ getSessionAuthTime: async () => session.authTime, getCurrentSessionId: async () => null }));

const { hasFreshSignIn, isFreshSignIn } = await import('@/lib/auth/fresh-sign-in');

const now = new Date('2025-03-01T10:00:00Z');
const secondsAgo = (seconds: number) => Math.floor(now.getTime() / 1000) - seconds;

describe('fresh sign-in', () => {
  beforeEach(() => {
    session.authTime = 0;
  });

  it('holds for a sign-in within the window and not after', () => {
    expect(isFreshSignIn(secondsAgo(9 * 60), now, 10)).toBe(true);
    expect(isFreshSignIn(secondsAgo(10 * 60 + 1), now, 10)).toBe(false);
    expect(isFreshSignIn(0, now, 10)).toBe(false);
  });

  it('reads the session\'s sign-in time', async () => {
    expect(await hasFreshSignIn(10, now)).toBe(false);
    session.authTime = secondsAgo(60);
    expect(await hasFreshSignIn(10, now)).toBe(true);
    expect(await hasFreshSignIn(0.5, now)).toBe(false);
  });
});
