import { z } from 'zod';

// Form pieces of two-step sign-in. Messages are catalogue keys (messages/*.json "security").

/** Six digits as an authenticator app shows them (spaces allowed: "123 456"). */
export const totpCodeSchema = z
  .string({ error: 'security.codeInvalid' })
  .transform((value) => value.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'security.codeInvalid'));

/** A recovery code as typed: any case, with or without its dash (lib/two-step/recovery-codes.ts checks it). */
export const recoveryCodeSchema = z
  .string({ error: 'security.recoveryCodeInvalid' })
  .trim()
  .min(10, 'security.recoveryCodeInvalid')
  .max(20, 'security.recoveryCodeInvalid');
