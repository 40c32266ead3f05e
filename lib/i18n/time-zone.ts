// IANA time zones: which names this runtime knows, and the list a person picks theirs from.

/** Whether `zone` is an IANA time zone this runtime can format dates in. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `zone` when this runtime knows it, else `fallback`: a stored name may be unknown to another runtime. */
export function knownTimeZoneOr(zone: string | null | undefined, fallback: string): string {
  return zone && isTimeZone(zone) ? zone : fallback;
}

let zones: readonly string[] | undefined;

/** Every canonical zone of the runtime (about 400), alphabetical; UTC included. */
export function timeZoneNames(): readonly string[] {
  zones ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])].sort();
  return zones;
}

/** How a zone reads in a list or on a page: "America/New York" for America/New_York. */
export function timeZoneLabel(zone: string): string {
  return zone.replaceAll('_', ' ');
}
