/** Longest name a passkey may have. */
export const PASSKEY_NAME_MAX = 64;
