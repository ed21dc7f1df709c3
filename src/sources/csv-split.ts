import { FormatError } from '../errors.js';

/**
 * Longest CSV record read, in characters: one line, or the lines of a record whose quoted
 * cells hold line breaks. Longer input (a binary file, a file without line breaks, a quote
 * that is never closed) is `E_PARSE` after at most this much of it is held.
 */
export const MAX_CSV_RECORD = 1 << 20;

/**
 * The error for a record over {@link MAX_CSV_RECORD} characters.
 *
 * @param line - 1-based number of the record's first line
 */
export function recordTooLong(line: number): FormatError {
  return new FormatError(
    'E_PARSE',
    `line ${line} is longer than ${MAX_CSV_RECORD} characters, the limit of a CSV record (lines joined by a quoted line break count together; is this a CSV file, is a quote not closed?)`,
    { details: { line, limit: MAX_CSV_RECORD } },
  );
}

/** Number of double quotes in `s`. */
export function quoteCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}

function malformed(line: number, column: number, what: string): FormatError {
  return new FormatError('E_PARSE', `line ${line}, column ${column}: ${what}`, { details: { line, column } });
}

/**
 * Splits one CSV record holding double quotes into its cells as RFC 4180 says: a cell that
 * starts with `"` (after spaces or tabs) runs to the next lone `"`, holds commas and line
 * breaks, and `""` in it is one `"`; spaces and tabs around the quotes are allowed. Quoted
 * cells come back exactly as written between the quotes, unquoted cells trimmed.
 *
 * @param s - the record (its lines joined by their line breaks), without the final line break
 * @param line - 1-based number of its first line, for messages
 * @throws FormatError `E_PARSE` for a `"` inside an unquoted cell, text after a closing
 *   quote, or a quote that is not closed
 */
export function splitQuoted(s: string, line: number): string[] {
  const cells: string[] = [];
  const n = s.length;
  let i = 0;
  for (;;) {
    let j = i;
    while (isBlank(s[j])) j++;
    if (s[j] !== '"') {
      const comma = s.indexOf(',', i);
      const cell = s.slice(i, comma < 0 ? n : comma);
      if (cell.includes('"'))
        throw malformed(line, cells.length + 1, 'a double quote inside an unquoted cell (quote the whole cell and double the quote)');
      cells.push(cell.trim());
      if (comma < 0) return cells;
      i = comma + 1;
      continue;
    }
    let text = '';
    let k = j + 1;
    for (;;) {
      const q = s.indexOf('"', k);
      if (q < 0) throw malformed(line, cells.length + 1, 'a quoted cell is not closed');
      text += s.slice(k, q);
      if (s[q + 1] !== '"') {
        k = q + 1;
        break;
      }
      text += '"';
      k = q + 2;
    }
    while (isBlank(s[k])) k++;
    if (k < n && s[k] !== ',') throw malformed(line, cells.length + 1, 'text after the closing quote of a quoted cell');
    cells.push(text);
    if (k >= n) return cells;
    i = k + 1;
  }
}
