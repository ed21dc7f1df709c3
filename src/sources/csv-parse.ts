import { FormatError, InputError } from '../errors.js';
import { planColumns, type AccUnit, type ColumnPlan } from './csv-header.js';
import { MAX_CSV_RECORD, quoteCount, recordTooLong, splitQuoted } from './csv-split.js';
import { createRecording, type LabelSegment, type Recording } from './recording.js';
import { estimateRate } from './rate-estimate.js';

/**
 * Options of {@link parseCsv} and `readCsvFile`.
 *
 * @example
 * ```ts
 * import { parseCsv, type CsvReadOptions } from 'scl-wear';
 * const options: CsvReadOptions = { rate: 130 }; // a file without a `t` column
 * const rec = parseCsv('ecg\n0.12\n0.15\n', options);
 * ```
 */
export interface CsvReadOptions {
  /** Sample rate in Hz. Required when the file has no `t` column; checked against `t` otherwise. */
  rate?: number;
  /** Unit of `ax,ay,az` when the header names none (`ax[g]`); default `m/s^2`. */
  accUnit?: AccUnit;
  /** Largest relative difference allowed between `rate` and the rate the `t` column implies; default 0.02. */
  rateTolerance?: number;
}

/** A number in decimal notation (no hex, binary, octal, `Infinity` or separators). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A growable typed array (doubling), so rows can be appended without knowing the file size. */
class Grow<T extends Float32Array | Float64Array> {
  length = 0;
  constructor(public buf: T) {}
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new (this.buf.constructor as new (n: number) => T)(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  done(): T {
    return this.buf.slice(0, this.length) as T;
  }
}

/**
 * Reads CSV text line by line into a {@link Recording}. Feed it every line of the file in
 * order with {@link CsvRecordingParser.line}, then call {@link CsvRecordingParser.finish}.
 * Pure (no I/O), so the same parser serves strings, browser `File`s and Node read streams.
 *
 * Format: lines starting with `#` and blank lines are skipped (in a one-column file a blank
 * line between rows is a row with an empty cell); the first other line is the header. Columns: `t` (s, optional; also named `time` or `time_s`), `ecg` (mV), `ax,ay,az` (m/s² or g), `gx,gy,gz` (rad/s,
 * optional), `label` (text, optional); other columns are ignored. A header cell may name its
 * unit: `ax[g]`, `ecg (uV)`, `gx[deg/s]`, `t[ms]`; values are converted to mV, rad/s and s.
 * Cells may be quoted as RFC 4180 says: a quoted cell holds commas, line breaks (the record
 * then spans lines) and `""` for a `"`, and is read exactly; unquoted cells are trimmed and
 * may not hold a `"`. A record longer than 1 MiB characters is `E_PARSE`.
 * Numbers are decimal (`-1.5`, `.5`, `2e-3`), optionally in double quotes; `0x10`, `0b101`,
 * `0o17`, `Infinity` and other text are `E_PARSE`. Empty or `NaN` cells in signal columns
 * become NaN (the `validate` operator decides what to do with them).
 *
 * @example
 * ```ts
 * import { CsvRecordingParser } from 'scl-wear/advanced';
 * const parser = new CsvRecordingParser({ rate: 130 });
 * let n = 0;
 * for (const line of ['ecg', '0.12', '0.15']) parser.line(line, ++n);
 * const rec = parser.finish(); // 2 frames at 130 Hz
 * ```
 */
export class CsvRecordingParser {
  private plan: ColumnPlan | undefined;
  private readonly data: Grow<Float32Array>[] = [];
  private readonly time = new Grow(new Float64Array(1024));
  private readonly labels: LabelSegment[] = [];
  private label: { text: string; start: number } | undefined;
  private frames = 0;
  private lastLine = 0;
  private blanks = 0;
  /** A record whose quoted cell is still open at the end of the lines read so far. */
  private open: { text: string; line: number } | undefined;

  /** @param options - rate, accelerometer unit and rate tolerance */
  constructor(private readonly options: CsvReadOptions = {}) {}

  /**
   * Reads one line of the file.
   *
   * @param text - the line, without its line break (a trailing `\r` is ignored, except inside
   *   a quoted cell)
   * @param lineNo - its 1-based line number, used in error messages
   * @throws FormatError `E_PARSE` (bad header, ragged row, text in a number column, bad
   *   quoting, a record over 1 MiB),
   *   InputError `E_NON_MONOTONIC` / `E_DUPLICATE_TIMESTAMP` (time going backwards or repeating),
   *   `E_UNIT` (unknown unit), `E_RATE` (no `t` column and no rate)
   */
  line(text: string, lineNo: number): void {
    this.lastLine = lineNo;
    const open = this.open;
    if (open) {
      // A quoted cell holds a line break: the record goes on until its quotes balance.
      text = `${open.text}\n${text}`;
      if (text.length > MAX_CSV_RECORD) throw recordTooLong(open.line);
      if (quoteCount(text.slice(open.text.length)) % 2 === 0) {
        open.text = text;
        return;
      }
      this.open = undefined;
      lineNo = open.line;
    }
    const s = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (s.trimStart().startsWith('#')) return;
    if (s.trim() === '') {
      // In a one-column file an empty cell is a blank line: a row, unless no row follows.
      if (this.plan?.targets.length === 1) this.blanks++;
      return;
    }
    let cells: string[];
    const quoted = s.includes('"');
    if (!quoted) cells = s.split(',');
    else if (!open && quoteCount(s) % 2 === 1) {
      if (text.length > MAX_CSV_RECORD) throw recordTooLong(lineNo);
      this.open = { text, line: lineNo };
      return;
    } else cells = splitQuoted(s, lineNo);
    if (!this.plan) return this.header(cells, lineNo);
    for (; this.blanks > 0; this.blanks--) this.row([''], lineNo, false);
    this.row(cells, lineNo, quoted);
  }

  /** `exact`: the cells are split from a quoted record, so they are already trimmed or unquoted. */
  private row(cells: string[], lineNo: number, exact: boolean): void {
    const plan = this.plan!;
    if (cells.length !== plan.targets.length) {
      throw new FormatError('E_PARSE', `line ${lineNo}: ${cells.length} fields, but the header has ${plan.targets.length}`, {
        details: { line: lineNo, fields: cells.length, expected: plan.targets.length },
      });
    }
    for (let c = 0; c < cells.length; c++) {
      const target = plan.targets[c]!;
      if (target.type === 'ignore') continue;
      const cell = cells[c]!;
      if (target.type === 'label') {
        this.pushLabel(exact ? cell : cell.trim());
        continue;
      }
      const v = this.number(cell, lineNo, c, target.type === 'time');
      if (target.type === 'signal') this.data[target.stream]!.push(v * target.scale);
      else this.pushTime(v * target.scale, lineNo, c);
    }
    this.frames++;
  }

  /**
   * Ends the file and returns the recording.
   *
   * @throws FormatError `E_PARSE` for a file without header or data rows or with a quoted
   *   cell not closed at its end; InputError `E_RATE`
   *   when `rate` disagrees with the `t` column or cannot be estimated
   */
  finish(): Recording {
    const plan = this.plan;
    if (this.open) {
      const line = this.open.line;
      throw new FormatError('E_PARSE', `line ${line}: a quoted cell opened on this line is not closed by the end of the file`, {
        details: { line },
      });
    }
    if (!plan) throw new FormatError('E_PARSE', 'empty file: no header row', { details: { line: this.lastLine } });
    if (this.frames === 0) throw new FormatError('E_PARSE', 'no data rows after the header', { details: { line: this.lastLine } });
    if (this.label) this.labels.push({ label: this.label.text, start: this.label.start, end: this.frames });
    const timestamps = plan.hasTime ? this.time.done() : undefined;
    const rate = timestamps ? estimateRate(timestamps, this.options.rate, this.options.rateTolerance ?? 0.02) : this.options.rate!;
    return createRecording({
      rate,
      ...(timestamps ? { timestamps } : {}),
      streams: plan.streams.map((s, i) => ({ kind: s.kind, channels: s.channels, data: this.data[i]!.done() })),
      ...(plan.hasLabel ? { labels: this.labels } : {}),
    });
  }

  private header(cells: string[], lineNo: number): void {
    const plan = planColumns(cells, lineNo, this.options.accUnit);
    const rate = this.options.rate;
    if (!plan.hasTime && rate === undefined) {
      throw new InputError('E_RATE', `line ${lineNo}: the file has no "t" column, so a rate (Hz) must be given`, {
        details: { line: lineNo },
      });
    }
    if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) {
      throw new InputError('E_RATE', `rate must be a positive number of Hz; got ${rate}`, { details: { rate } });
    }
    this.plan = plan;
    for (const s of plan.streams) this.data.push(new Grow(new Float32Array(1024 * s.channels.length)));
  }

  private number(cell: string, lineNo: number, c: number, required: boolean): number {
    const s = cell.trim();
    if (DECIMAL.test(s)) return Number(s);
    if (/^nan$/i.test(s)) return Number.NaN;
    if (s === '' && !required) return Number.NaN;
    const name = this.plan!.names[c];
    throw new FormatError('E_PARSE', `line ${lineNo}, column ${c + 1} (${name}): ${s === '' ? 'empty cell' : `"${s}" is not a number`}`, {
      details: { line: lineNo, column: c + 1, name, text: s },
    });
  }

  private pushTime(t: number, lineNo: number, c: number): void {
    const n = this.time.length;
    const prev = n > 0 ? (this.time.buf[n - 1] as number) : -Infinity;
    if (!Number.isFinite(t) || t <= prev) {
      const code = !Number.isFinite(t) ? 'E_NAN' : t === prev ? 'E_DUPLICATE_TIMESTAMP' : 'E_NON_MONOTONIC';
      const what =
        code === 'E_NAN' ? 'is not finite' : code === 'E_DUPLICATE_TIMESTAMP' ? 'repeats the previous row' : `goes back from ${prev} s`;
      throw new InputError(code, `line ${lineNo}, column ${c + 1} (t): time ${t} s ${what}`, {
        details: { line: lineNo, column: c + 1, t, previous: prev },
      });
    }
    this.time.push(t);
  }

  private pushLabel(text: string): void {
    if (this.label && this.label.text === text) return;
    if (this.label) this.labels.push({ label: this.label.text, start: this.label.start, end: this.frames });
    this.label = text === '' ? undefined : { text, start: this.frames };
  }
}

/**
 * Parses CSV text (a whole file in one string) into a {@link Recording}.
 *
 * @param text - the file contents
 * @param options - rate (Hz, needed without a `t` column), accelerometer unit, rate tolerance
 * @throws FormatError `E_PARSE` (empty file, ragged row, text in a number column, missing
 *   columns, bad quoting, a row over 1 MiB), InputError `E_NON_MONOTONIC` (time going backwards), `E_UNIT`, `E_RATE`
 * @example
 * ```ts
 * import { parseCsv } from 'scl-wear';
 * import { recordingBatches } from 'scl-wear/advanced';
 * const rec = parseCsv('t,ax,ay,az\n0,0,0,9.81\n0.02,0,0,9.81\n0.04,0.1,0,9.8\n');
 * console.log(rec.rate); // 50
 * const batches = recordingBatches(rec, 0, { batchSeconds: 1 });
 * ```
 */
export function parseCsv(text: string, options: CsvReadOptions = {}): Recording {
  const parser = new CsvRecordingParser(options);
  let start = 0;
  let lineNo = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    parser.line(text.slice(start, end), ++lineNo);
    start = end + 1;
  }
  return parser.finish();
}
