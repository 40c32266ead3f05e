// CSV for spreadsheets: RFC 4180 quoting, plus a guard against formula injection: a cell that a
// spreadsheet would run as a formula (starting with = + - @, or a tab/CR) gets a leading apostrophe.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: Array<string | number | boolean | null | undefined>): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

type Cell = Parameters<typeof csvCell>[0];

/**
 * A CSV download read in chunks only as fast as the client takes them (a pull stream): the header,
 * then each chunk `next` hands out until it says it was the last, so a million rows never sit in
 * memory at once.
 */
export function csvStream(header: string[], next: () => Promise<{ rows: Cell[][]; last: boolean }>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(header)));
        return;
      }
      const chunk = await next();
      if (chunk.rows.length) controller.enqueue(encoder.encode(chunk.rows.map(csvLine).join('')));
      if (chunk.last) controller.close();
    },
  });
}
