import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

/**
 * An optional phone number as typed, stored as E.164 (`+821012345678`). Numbers without a country
 * code are read in `defaultRegion`; an empty field means no phone.
 */
export function phoneSchema(defaultRegion: string) {
  return z
    .string()
    .trim()
    .max(40, 'validation.phoneInvalid')
    .optional()
    .transform((value, context) => {
      if (!value) return null;
      const parsed = parsePhoneNumberFromString(value, defaultRegion as CountryCode);
      if (!parsed?.isValid()) {
        context.addIssue({ code: 'custom', message: 'validation.phoneInvalid' });
        return z.NEVER;
      }
      return parsed.number as string;
    });
}
