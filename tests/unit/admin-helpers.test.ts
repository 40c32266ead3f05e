import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prefixUpperBound } from '@/db/admin-login-events';
import { csvCell, csvLine } from '@/lib/admin/csv';
import { decodeCursor, encodeCursor } from '@/lib/admin/keyset-cursor';
import { shortUserAgent } from '@/lib/admin/user-agent';
import { formatInZone, parseDayRange, startOfDayInZone } from '@/lib/admin/zoned-time';

describe('csv', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', null, 3, true])).toBe('a,"b,c","say ""hi""","two\nlines",,3,true\r\n');
    for (const start of ['=', '+', '-', '@']) expect(csvCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-5)).toBe('-5');
  });

  it('round-trips any text through a standard CSV reading', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = csvCell(text);
        const read = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
        expect(read).toBe(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
      }),
    );
  });
});

describe('admin time zone', () => {
  it('starts days in the admin time zone', () => {
    expect(startOfDayInZone('2026-03-10', 'Asia/Seoul')?.toISOString()).toBe('2026-03-09T15:00:00.000Z');
    expect(startOfDayInZone('2026-03-10', 'Asia/Seoul', 1)?.toISOString()).toBe('2026-03-10T15:00:00.000Z');
    // DST: New York moves from -05:00 to -04:00 on 2026-03-08.
    expect(startOfDayInZone('2026-03-09', 'America/New_York')?.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfDayInZone('2026-02-30', 'UTC')).toBeNull();
    expect(startOfDayInZone('yesterday', 'UTC')).toBeNull();
    expect(formatInZone('2026-03-09T15:00:00.000Z', 'Asia/Seoul')).toBe('2026-03-10 00:00:00');
  });

  it('reads a filter range of days, both inclusive, and refuses one that ends before it starts', () => {
    const day = parseDayRange({ from: '2026-03-10', to: '2026-03-10' }, 'Asia/Seoul');
    expect({ from: day.from?.toISOString(), to: day.to?.toISOString(), errors: day.errors }).toEqual({
      from: '2026-03-09T15:00:00.000Z',
      to: '2026-03-10T15:00:00.000Z',
      errors: {},
    });
    expect(parseDayRange({ from: '2026-03-11', to: '2026-03-10' }, 'UTC').errors).toEqual({ to: 'toBeforeFrom' });
    expect(parseDayRange({ from: '2026-02-30', to: 'later' }, 'UTC').errors).toEqual({ from: 'invalidDate', to: 'invalidDate' });
    expect(parseDayRange({ from: '', to: '' }, 'UTC')).toEqual({ errors: {} });
  });
});

describe('keyset cursors and prefixes', () => {
  it('round-trips a cursor with microseconds and rejects anything else', () => {
    const cursor = { createdAt: '2026-03-10T01:02:03.123456Z', id: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor("2026-03-10T01:02:03Z_1' or 1=1")).toBeUndefined();
    expect(decodeCursor(['x'])).toBeUndefined();
  });

  it('refuses cursors naming a day or time the calendar does not have (PostgreSQL would fail the query)', () => {
    expect(decodeCursor('2024-02-30T00:00:00.000Z_1')).toBeUndefined();
    expect(decodeCursor('2023-02-29T00:00:00.000Z_1')).toBeUndefined();
    expect(decodeCursor('2024-01-01T24:00:00.000Z_1')).toBeUndefined();
    expect(decodeCursor('0000-01-01T00:00:00.000Z_1')).toBeUndefined();
    expect(decodeCursor('2024-02-29T23:59:59.999999Z_7')).toEqual({ createdAt: '2024-02-29T23:59:59.999999Z', id: 7 });
  });

  it('bounds a prefix ending in the last code point by carrying, and leaves a prefix of only that unbounded', () => {
    expect(prefixUpperBound('kim\u{10FFFF}')).toBe('kin');
    expect(prefixUpperBound('k\u{10FFFF}\u{10FFFF}')).toBe('l');
    expect(prefixUpperBound('\u{10FFFF}')).toBeNull();
    expect(prefixUpperBound('a\uD7FF')).toBe('a\uE000');
  });

  it('bounds a prefix range so that exactly the strings with the prefix fall inside', () => {
    expect(prefixUpperBound('kim')).toBe('kin');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme-ascii' }), fc.string({ maxLength: 6, unit: 'grapheme-ascii' }), (prefix, rest) => {
        const upper = prefixUpperBound(prefix);
        const value = prefix + rest;
        expect(value >= prefix && upper !== null && value < upper).toBe(true);
      }),
    );
  });
});

describe('short user agent', () => {
  it('names browser, version and system', () => {
    expect(shortUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe('Chrome 131 · Windows');
    expect(shortUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari 17 · iOS');
    expect(shortUserAgent('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0')).toBe('Edge 131 · Windows');
    expect(shortUserAgent(null)).toBe('—');
  });
});
