import { describe, expect, it } from 'vitest';
import { isFreshSignIn } from '@/lib/auth/is-fresh-sign-in';

// hasFreshSignIn (lib/auth/fresh-sign-in.ts) applies this rule to the session's sign-in time
// (getSessionAuthTime: 0 when signed out) with the window it is asked for, or else asks for a
// step-up. Reading that time needs a request: tests/e2e/form-action.spec.ts ("a fresh-user action
// checks the sign-in…") sends a session aged 11 minutes and a fresh one to the real app, and the
// step-up is taken end to end in tests/e2e/passkeys.spec.ts and two-step-lifecycle.spec.ts.

const now = new Date('2025-03-01T10:00:00Z');
const secondsAgo = (seconds: number) => Math.floor(now.getTime() / 1000) - seconds;

describe('fresh sign-in', () => {
  it('holds for a sign-in within the window and not after', () => {
    expect(isFreshSignIn(secondsAgo(9 * 60), now, 10)).toBe(true);
    expect(isFreshSignIn(secondsAgo(10 * 60 + 1), now, 10)).toBe(false);
    expect(isFreshSignIn(0, now, 10)).toBe(false);
  });

  it('measures a session\'s sign-in time against the window asked for', () => {
    // Signed out: the session reader gives 0.
    expect(isFreshSignIn(0, now, 10)).toBe(false);
    expect(isFreshSignIn(secondsAgo(60), now, 10)).toBe(true);
    expect(isFreshSignIn(secondsAgo(60), now, 0.5)).toBe(false);
  });

  it('allows a minute of clock difference ahead of now, and no more', () => {
    expect(isFreshSignIn(secondsAgo(-60), now, 10)).toBe(true);
    expect(isFreshSignIn(secondsAgo(-61), now, 10)).toBe(false);
  });
});
