const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether text is a UUID as the database's uuid type reads it. Queries that take an id from a URL
 * or a cookie check it first: PostgreSQL would throw on a malformed one instead of finding nothing.
 * (Form fields are checked by their zod schema, z.uuid(), before they get here.)
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
