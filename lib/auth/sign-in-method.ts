import { socialProviderIds } from './providers';

/**
 * How a sign-in was earned: it becomes the session record's method (lib/sessions). A social
 * provider's id is one when the provider sign-in went through the two-step page first; 'passkey' is
 * complete in itself and never asks for a second factor.
 */
export const signInMethods = ['password', 'reactivation', 'restore', 'passkey', ...socialProviderIds] as const;
export type SignInMethod = (typeof signInMethods)[number];
