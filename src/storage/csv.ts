import { checkArg } from '../errors.js';
import type { WearDb } from './schema.js';
import { getSession } from './sessions.js';
import { readChunks } from './chunks.js';
import { toStream } from './export-session.js';
import { ownValue } from './own.js';

/** Options of {@link exportSessionCsv}. */
export interface CsvOptions {
  /** Stream to export; may be omitted when the session has a single stream. */
  stream?: string;
}

/**
 * Shortest decimal text that reads back as exactly the same float32 value.
 *
 * @param v - a float32 value
 */
export function float32Text(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  for (let p = 6; p < 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(Number(v.toPrecision(9)));
}

/**
 * One text cell of a CSV row, safe to open in a spreadsheet: text that a spreadsheet would
 * take for a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading
 * `'`, and a cell holding a comma, a double quote or a line break is quoted as RFC 4180 says
 * (inner quotes doubled). Other text is written as it is.
 *
 * @param text - the cell's text
 */
export function csvCell(text: string): string {
  const t = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/**
 * Exports one stream of a session as CSV for spreadsheets and other tools: a header
 * `time_s,<channel> (<unit>),...`, then one row per frame with its time in seconds (full
 * double precision) and each value as the shortest decimal that reads back as the same
 * float32. A row `# gap <seconds>` marks a gap before the next frame. Channel names and
 * units come from the session (perhaps from an imported file), so header cells are escaped as
 * RFC 4180 says and never start a spreadsheet formula (see {@link csvCell}).
 *
 * @param db - the open database
 * @param session - session id
 * @param options - which stream
 * @returns a UTF-8 byte stream
 * @throws InputError `E_ARGUMENT` naming the streams when `stream` is missing or unknown;
 *   (when read) StorageError `E_NOT_FOUND`, `E_STORAGE`
 * @example
 * ```ts
 * import { exportSessionCsv } from 'scl-wear';
 * const csv = await new Response(exportSessionCsv(db, id, { stream: 'imu' })).text();
 * ```
 */
export function exportSessionCsv(db: WearDb, session: string, options: CsvOptions = {}): ReadableStream<Uint8Array> {
  return toStream(csvRows(db, session, options));
}

async function* csvRows(db: WearDb, session: string, options: CsvOptions): AsyncGenerator<Uint8Array> {
  const s = await getSession(db, session);
  const names = Object.keys(s.streams);
  const stream = options.stream ?? (names.length === 1 ? names[0]! : undefined);
  const info = stream === undefined ? undefined : ownValue(s.streams, stream);
  checkArg(stream !== undefined && info !== undefined, 'options.stream', `one of ${JSON.stringify(names)}`, options.stream);
  const enc = new TextEncoder();
  yield enc.encode(['time_s', ...info.channels.map((c) => csvCell(`${c.name} (${c.unit})`))].join(',') + '\n');
  const nc = info.channels.length;
  for await (const c of readChunks(db, session, stream)) {
    const rows: string[] = c.gapBefore ? [`# gap ${c.gapBefore}`] : [];
    const row: string[] = new Array(nc + 1);
    for (let i = 0; i < c.frames; i++) {
      row[0] = String(c.timestamps ? c.timestamps[i]! : c.t0 + i / c.rate);
      for (let k = 0; k < nc; k++) row[k + 1] = float32Text(c.data[i * nc + k]!);
      rows.push(row.join(','));
    }
    yield enc.encode(rows.join('\n') + '\n');
  }
}
