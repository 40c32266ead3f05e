import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

/**
 * A number to verify by SMS: required, valid, and in one of `allowedCountries` (ISO codes), stored
 * as E.164. A number from elsewhere gets its own field error rather than a silent refusal.
 */
export function verifiablePhoneSchema(defaultRegion: string, allowedCountries: readonly string[]) {
  return z
    .string()
    .trim()
    .min(1, 'phone.errors.required')
    .max(40, 'phone.errors.invalid')
    .transform((value, context) => {
      const parsed = parsePhoneNumberFromString(value, defaultRegion as CountryCode);
      if (!parsed?.isValid()) {
        context.addIssue({ code: 'custom', message: 'phone.errors.invalid' });
        return z.NEVER;
      }
      if (!parsed.country || !allowedCountries.includes(parsed.country)) {
        context.addIssue({ code: 'custom', message: 'phone.errors.country' });
        return z.NEVER;
      }
      return parsed.number as string;
    });
}

/** A number for people to read: the national form for the default region, international otherwise. */
export function formatPhone(e164: string, defaultRegion: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === defaultRegion ? parsed.formatNational() : parsed.formatInternational();
}
