import { checkArg } from '../errors.js';
import type { LabelRecord } from './schema.js';
import type { WearDb } from './wear-db.js';
import { getSession } from './sessions.js';
import { readChunks } from './chunks.js';
import { toStream } from './export-session.js';
import { ownValue } from './own.js';
import { listLabels } from './labels.js';
import { csvCell } from '../core/csv-cell.js';

/**
 * Options of {@link exportSessionCsv}.
 *
 * @example
 * ```ts
 * import { openWearDb, listSessions, exportSessionCsv, type CsvOptions } from 'scl-wear';
 * const db = await openWearDb();
 * const [session] = await listSessions(db, 'complete');
 * const options: CsvOptions = { stream: 'imu', labels: true }; // adds a `label` column
 * const text = await new Response(exportSessionCsv(db, session!.id, options)).text();
 * ```
 */
export interface CsvOptions {
  /** Stream to export; may be omitted when the session has a single stream. */
  stream?: string;
  /**
   * Add a last column `label` with the activity label of each frame (the latest-started
   * activity covering the frame's time; empty where none does). Default false.
   */
  labels?: boolean;
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
 * Exports one stream of a session as CSV for spreadsheets and other tools: a header
 * `time_s,<channel> (<unit>),...`, then one row per frame with its time in seconds (full
 * double precision) and each value as the shortest decimal that reads back as the same
 * float32. A row `# gap <seconds>` marks a gap before the next frame. Channel names and
 * units come from the session (perhaps from an imported file), so header cells are escaped as
 * RFC 4180 says and never start a spreadsheet formula (`'` is put in front of `=`, `+`, `-`,
 * `@`, tab and carriage return); so are the labels of the optional `label` column, which the
 * SDK's CSV reader takes as activity labels.
 *
 * @param db - the open database
 * @param session - session id
 * @param options - which stream, and whether to add the label column
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
  const labelAt = options.labels ? activityAt(await listLabels(db, session)) : undefined;
  const header = ['time_s', ...info.channels.map((c) => csvCell(`${c.name} (${c.unit})`))];
  yield enc.encode([...header, ...(labelAt ? ['label'] : [])].join(',') + '\n');
  const nc = info.channels.length;
  for await (const c of readChunks(db, session, stream)) {
    const rows: string[] = c.gapBefore ? [`# gap ${c.gapBefore}`] : [];
    const row: string[] = new Array<string>(nc + (labelAt ? 2 : 1));
    for (let i = 0; i < c.frames; i++) {
      const t = c.timestamps ? c.timestamps[i]! : c.t0 + i / c.rate;
      row[0] = String(t);
      for (let k = 0; k < nc; k++) row[k + 1] = float32Text(c.data[i * nc + k]!);
      if (labelAt) row[nc + 1] = labelAt(t);
      rows.push(row.join(','));
    }
    yield enc.encode(rows.join('\n') + '\n');
  }
}

/**
 * For times given in increasing order: the escaped label of the latest-started activity that
 * covers each time (`start ≤ t < end`, open activities run on), or an empty cell.
 */
function activityAt(labels: readonly LabelRecord[]): (t: number) => string {
  const acts = labels
    .filter((l) => l.kind === 'activity')
    .map((l) => ({ start: l.start, end: l.end ?? Number.POSITIVE_INFINITY, cell: csvCell(l.label) }));
  const active: typeof acts = []; // started and not yet ended, in start order
  let next = 0;
  return (t) => {
    while (next < acts.length && acts[next]!.start <= t) active.push(acts[next++]!);
    let kept = 0;
    for (const a of active) if (t < a.end) active[kept++] = a;
    active.length = kept;
    return kept > 0 ? active[kept - 1]!.cell : '';
  };
}
