// Page positions in URLs: "<created_at with microseconds>_<id>", e.g. 2026-11-21T10:00:00.123456Z_42.

import type { KeysetCursor } from '@/db/keyset';

export type { KeysetCursor };

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3,6}Z)_(\d{1,15})$/;

export function encodeCursor(cursor: KeysetCursor): string {
  return `${cursor.createdAt}_${cursor.id}`;
}

/** The cursor in a URL parameter, or undefined when it is missing or malformed. */
export function decodeCursor(value: unknown): KeysetCursor | undefined {
  if (typeof value !== 'string') return undefined;
  const match = CURSOR.exec(value);
  if (!match || !isCalendarInstant(match[1])) return undefined;
  return { createdAt: match[1], id: Number(match[2]) };
}

/**
 * Whether the timestamp names a real instant as written: Date.parse reads 2024-02-30 as March 1 and
 * 24:00 as the next day, where PostgreSQL refuses the first; year 0 does not exist there either.
 */
function isCalendarInstant(text: string): boolean {
  const time = Date.parse(text);
  if (Number.isNaN(time) || text.startsWith('0000')) return false;
  return new Date(time).toISOString().slice(0, 19) === text.slice(0, 19);
}
