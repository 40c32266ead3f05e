/**
 * Whether a sign-in at `authTime` (seconds since epoch; 0 for none) is within `maxMinutes` of `now`.
 * Kept apart from the session reader (fresh-sign-in.ts) so domain code can apply the rule without Auth.js.
 */
export function isFreshSignIn(authTime: number, now: Date, maxMinutes: number): boolean {
  if (!authTime) return false;
  const age = now.getTime() - authTime * 1000;
  return age >= -60_000 && age <= maxMinutes * 60_000;
}
