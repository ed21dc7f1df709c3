import { createReadStream, createWriteStream } from 'node:fs';
import { FormatError, SdkError, messageOf } from '../errors.js';
import { CsvRecordingParser, type CsvReadOptions } from '../sources/csv-parse.js';
import { MAX_CSV_RECORD, recordTooLong } from '../sources/csv-split.js';
import { csvLines, type CsvWriteOptions } from '../sources/csv-format.js';
import type { Recording } from '../sources/recording.js';

function ioError(path: string, err: unknown): FormatError {
  const code = (err as NodeJS.ErrnoException).code;
  return new FormatError('E_IO', `cannot access ${path}: ${code ?? messageOf(err)}`, { cause: err, details: { path, errno: code } });
}

/**
 * Reads a CSV file into a {@link Recording}, line by line (the file is never held in one
 * string, so large files read in bounded extra memory besides the samples themselves). A line
 * longer than 1 MiB characters (a binary file, a file without line breaks; a record whose
 * quoted cells hold line breaks counts as one line) is `E_PARSE`, found after reading at most
 * that much of it.
 * The format is the one `parseCsv` documents: `t` (s, optional), `ecg` (mV), `ax,ay,az`
 * (m/s² or g), `gx,gy,gz` (rad/s), `label`.
 *
 * @param path - the file
 * @param options - rate (Hz, needed without a `t` column), accelerometer unit, rate tolerance
 * @throws FormatError `E_IO` (missing or unreadable file), `E_PARSE` (empty file, ragged row,
 *   text in a number column, missing columns, bad quoting, a line over 1 MiB); InputError `E_NON_MONOTONIC` (time going
 *   backwards), `E_DUPLICATE_TIMESTAMP`, `E_UNIT`, `E_RATE`. Messages name the line and column.
 * @example
 * ```ts
 * import { readCsvFile } from 'scl-wear/node';
 * import { recordingBatches } from 'scl-wear/advanced';
 * const rec = await readCsvFile('walk.csv', { accUnit: 'g' });
 * const batches = recordingBatches(rec, 0, { batchSeconds: 1 });
 * ```
 */
export async function readCsvFile(path: string, options: CsvReadOptions = {}): Promise<Recording> {
  const parser = new CsvRecordingParser(options);
  const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let lineNo = 0;
  let rest = '';
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      let start = 0;
      let end = chunk.indexOf('\n');
      while (end >= 0) {
        parser.line(rest + chunk.slice(start, end), ++lineNo);
        rest = '';
        start = end + 1;
        end = chunk.indexOf('\n', start);
      }
      rest += chunk.slice(start);
      if (rest.length > MAX_CSV_RECORD) throw recordTooLong(lineNo + 1);
    }
    if (rest !== '') parser.line(rest, ++lineNo);
  } catch (err) {
    if (err instanceof SdkError) throw err;
    throw ioError(path, err);
  } finally {
    input.destroy();
  }
  return parser.finish();
}

/**
 * Writes a recording as a CSV file that {@link readCsvFile} reads back, streaming line by line.
 *
 * @param path - the file to create or replace
 * @param rec - the recording
 * @param options - time column and decimals (see `csvLines`)
 * @throws FormatError `E_IO` when the file cannot be written
 * @example
 * ```ts
 * import { writeCsvFile } from 'scl-wear/node';
 * import { simulateEcg } from 'scl-wear';
 * await writeCsvFile('ecg.csv', simulateEcg({ seconds: 60, rate: 250, seed: 7 }).recording);
 * ```
 */
export async function writeCsvFile(path: string, rec: Recording, options: CsvWriteOptions = {}): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let failure: unknown;
  out.on('error', (err) => (failure ??= err));
  // Resolves on `event` or on an error (recorded in `failure`), leaving no listener behind.
  const settle = (event: 'drain' | 'finish') =>
    new Promise<void>((resolve) => {
      const done = () => {
        out.off(event, done);
        out.off('error', done);
        resolve();
      };
      out.on(event, done);
      out.on('error', done);
    });
  try {
    let chunk = '';
    for (const line of csvLines(rec, options)) {
      chunk += line + '\n';
      if (chunk.length < 1 << 16) continue;
      if (!out.write(chunk)) await settle('drain');
      chunk = '';
      if (failure) break;
    }
    if (!failure) {
      const finished = settle('finish');
      out.end(chunk);
      await finished;
    }
  } catch (err) {
    failure ??= err;
  }
  if (failure) {
    out.destroy();
    if (failure instanceof SdkError) throw failure;
    throw ioError(path, failure);
  }
}
