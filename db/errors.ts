/** A unique-constraint violation (SQLSTATE 23505), whichever driver raised it (the code may sit on a cause). */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined; current; current = current.cause as typeof current) {
    if (current.code === '23505') return true;
  }
  return false;
}
