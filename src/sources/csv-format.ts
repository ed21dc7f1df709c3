import { checkArg } from '../errors.js';
import type { Recording } from './recording.js';
import { csvCell } from '../core/csv-cell.js';
import { columnName } from '../core/batch.js';

/**
 * Options of {@link csvLines} and {@link formatCsv}.
 *
 * @example
 * ```ts
 * import { formatCsv, simulateEcg, type CsvWriteOptions } from 'scl-wear';
 * const options: CsvWriteOptions = { time: true, decimals: 4 };
 * const text = formatCsv(simulateEcg({ seconds: 2, seed: 1 }).recording, options);
 * ```
 */
export interface CsvWriteOptions {
  /** Write a `t` column (s); default true. Without it, readers must be told the rate. */
  time?: boolean;
  /** Decimals of the signal values (trailing zeros dropped); default 6. */
  decimals?: number;
  /** Decimals of `t`; default enough to resolve 1/1000 of a sample period (at least 3). */
  timeDecimals?: number;
}

/**
 * Formats a number with at most `decimals` decimals, without trailing zeros (`-0.145`, `9.81`).
 *
 * @param v - the value; NaN is written as an empty cell
 * @param decimals - largest number of decimals
 */
export function formatNumber(v: number, decimals: number): string {
  if (Number.isNaN(v)) return '';
  let s = v.toFixed(decimals);
  if (s.includes('.')) s = s.replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/**
 * Yields the lines of the CSV form of a recording (header first, no line breaks), in the
 * format `parseCsv` reads: `t`, then every channel of every stream by name, then `label` when
 * the recording has labels. A channel whose unit is not the format's default (mV, m/s², rad/s)
 * names it in the header, e.g. `ax[g]`. Header cells and labels are text cells: one holding a
 * comma, a quote or a line break is quoted as RFC 4180 says, and one that a spreadsheet would
 * take for a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading
 * `'`, which reads back as part of the label.
 *
 * @param rec - the recording
 * @param options - time column and decimals
 * @throws InputError `E_ARGUMENT` for decimals outside 0..20
 * @example
 * ```ts
 * import { simulateImu } from 'scl-wear';
 * import { csvLines } from 'scl-wear/advanced';
 * const { recording } = simulateImu({ activities: [{ activity: 'walking', seconds: 5 }], rate: 50, seed: 1 });
 * for (const line of csvLines(recording)) console.log(line);
 * ```
 */
export function* csvLines(rec: Recording, options: CsvWriteOptions = {}): Generator<string> {
  const decimals = options.decimals ?? 6;
  const timeDecimals = options.timeDecimals ?? Math.max(3, Math.ceil(Math.log10(rec.rate)) + 3);
  checkArg(Number.isInteger(decimals) && decimals >= 0 && decimals <= 20, 'decimals', 'a whole number from 0 to 20', decimals);
  checkArg(
    Number.isInteger(timeDecimals) && timeDecimals >= 0 && timeDecimals <= 20,
    'timeDecimals',
    'a whole number from 0 to 20',
    timeDecimals,
  );
  const withTime = options.time ?? true;
  const header: string[] = withTime ? ['t'] : [];
  for (const s of rec.streams) {
    for (const ch of s.channels) header.push(csvCell(columnName(ch)));
  }
  const labels = rec.labels;
  const labelCells = labels?.map((seg) => csvCell(seg.label));
  if (labels) header.push('label');
  yield header.join(',');
  let seg = 0;
  const cells: string[] = [];
  for (let i = 0; i < rec.length; i++) {
    cells.length = 0;
    if (withTime) cells.push(formatNumber(rec.timestamps ? (rec.timestamps[i] as number) : rec.t0 + i / rec.rate, timeDecimals));
    for (const s of rec.streams) {
      const nc = s.channels.length;
      for (let c = 0; c < nc; c++) cells.push(formatNumber(s.data[i * nc + c] as number, decimals));
    }
    if (labels) {
      while (seg < labels.length && (labels[seg] as { end: number }).end <= i) seg++;
      const cur = labels[seg];
      cells.push(cur && cur.start <= i ? labelCells![seg]! : '');
    }
    yield cells.join(',');
  }
}

/**
 * Formats a whole recording as CSV text (see {@link csvLines}), each line ending in `\n`.
 *
 * @param rec - the recording
 * @param options - time column and decimals
 * @throws InputError `E_ARGUMENT` for decimals outside 0..20
 * @example
 * ```ts
 * import { formatCsv, parseCsv, simulateEcg } from 'scl-wear';
 * const text = formatCsv(simulateEcg({ seconds: 5, rate: 250, seed: 1 }).recording);
 * const again = parseCsv(text); // same samples, to 6 decimals
 * ```
 */
export function formatCsv(rec: Recording, options: CsvWriteOptions = {}): string {
  let out = '';
  for (const line of csvLines(rec, options)) out += line + '\n';
  return out;
}
