'use client';

// STUB (issue 15 contract): engineer B's passkeys branch replaces this with **Confirm with a
// passkey** (a WebAuthn assertion for the signed-in person, then recordStepUp, then on to `next`).
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a stub: B's component uses the props
export function PasskeyStepUp(_props: { next: string }) {
  return null;
}
