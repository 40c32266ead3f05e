'use server';

// A server action that does nothing: what Next.js itself costs per action call (the F in the login
// goal's bound, bench/load.ts).
export async function emptyAction() {
  return { ok: true };
}
