import 'server-only';
import { config } from '@/lib/config';
import { twoStepKeyring, type TwoStepKeyring } from './secret-box';

let keyring: TwoStepKeyring | undefined;

/** The keyring of this process's configuration (TWO_STEP_ENCRYPTION_KEY, else AUTH_SECRET). */
export function getTwoStepKeyring(): TwoStepKeyring {
  keyring ??= twoStepKeyring({
    TWO_STEP_ENCRYPTION_KEY: config.TWO_STEP_ENCRYPTION_KEY,
    TWO_STEP_ENCRYPTION_KEY_PREVIOUS: config.TWO_STEP_ENCRYPTION_KEY_PREVIOUS,
    AUTH_SECRET: config.AUTH_SECRET,
  });
  return keyring;
}
