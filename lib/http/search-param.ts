/**
 * The first value of a query-string parameter, trimmed and cut to `maxLength`. NUL characters are
 * dropped: no text column can hold one, so it matches nothing, and Postgres rejects a query with it.
 */
export function firstSearchParam(value: string | string[] | undefined, maxLength: number): string {
  return (Array.isArray(value) ? value[0] : value)?.replaceAll('\0', '').trim().slice(0, maxLength) ?? '';
}
