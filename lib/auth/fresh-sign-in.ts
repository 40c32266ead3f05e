import 'server-only';
import { config } from '@/lib/config';
import { hasRecentStepUp } from '@/lib/two-step/step-up';
import { isFreshSignIn } from './is-fresh-sign-in';
import { getSessionAuthTime } from './session';

export { isFreshSignIn };

/**
 * Whether this session signed in (password, provider, or reauthentication) or stepped up (a code
 * or passkey, lib/two-step/step-up.ts) within the last `maxMinutes`. Sensitive changes that cannot
 * ask for a password — a social-only account setting its first password, or withdrawing — require
 * it; otherwise send the person to /account/connections/reauthenticate?provider=…&next=… first.
 */
export async function hasFreshSignIn(maxMinutes: number = config.FRESH_SIGN_IN_MINUTES, now: Date = new Date()): Promise<boolean> {
  return isFreshSignIn(await getSessionAuthTime(), now, maxMinutes) || hasRecentStepUp(maxMinutes, now);
}
