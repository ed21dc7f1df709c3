import { openAsBlob } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { extname } from 'node:path';
import { columnName } from '../core/batch.js';
import { checkArg, FormatError, SdkError, messageOf } from '../errors.js';
import { fillLabels, type FrameChunk, type FrameProgress, type FrameSource } from '../formats/frames.js';
import { parquetBytes } from '../formats/parquet-write.js';
import { segmentFrames } from '../formats/segments.js';
import { readParquet } from '../formats/parquet-read.js';
import { edfBytes } from '../formats/edf-write.js';
import { readEdf } from '../formats/edf-read.js';
import { float32Text } from '../storage/csv.js';
import { readSclw, sclwBytes } from '../storage/sclw-frames.js';
import type { Recording } from '../sources/recording.js';
import { readCsvFile } from './csv.js';

/** File formats `convertFile` knows, by extension. */
export const FRAME_FORMATS = ['.csv', '.sclw', '.parquet', '.edf'] as const;
/**
 * A file format `readFrameFile` and `writeFrameFile` know, by its extension.
 */
export type FrameFormat = (typeof FRAME_FORMATS)[number];

/**
 * The format of a path from its extension.
 *
 * @param path - the file
 * @param argument - the argument's name, for the message
 * @throws InputError `E_ARGUMENT` listing the known extensions
 */
export function formatOf(path: string, argument: string): FrameFormat {
  const ext = extname(path).toLowerCase() as FrameFormat;
  checkArg(FRAME_FORMATS.includes(ext), argument, `a file ending in ${FRAME_FORMATS.join(', ')}`, path);
  return ext;
}

/** A CSV recording (the format `readCsvFile` reads) as a stream: one of its streams, cut into chunks. */
export function recordingSource(rec: Recording, stream?: string): FrameSource {
  const kinds = rec.streams.map((s) => s.kind as string);
  const k = stream === undefined && kinds.length === 1 ? 0 : kinds.indexOf(stream ?? '');
  checkArg(k >= 0, 'stream', `one of ${JSON.stringify(kinds)}`, stream);
  const s = rec.streams[k]!;
  const nc = s.channels.length;
  const time = (i: number) => (rec.timestamps ? rec.timestamps[i]! : rec.t0 + i / rec.rate);
  const labels = (rec.labels ?? []).map((l) => ({
    kind: 'activity' as const,
    label: l.label,
    start: time(l.start),
    end: l.end < rec.length ? time(l.end) : time(rec.length - 1) + 1 / rec.rate,
  }));
  // eslint-disable-next-line @typescript-eslint/require-await -- a frame source is an async iterable; this one has its data at hand
  async function* chunks(): AsyncGenerator<FrameChunk> {
    const step = 4096;
    let prevEnd: number | undefined;
    for (let i = 0; i < rec.length; i += step) {
      const n = Math.min(step, rec.length - i);
      const t = new Float64Array(n);
      for (let j = 0; j < n; j++) t[j] = time(i + j);
      yield* segmentFrames(t, s.data.subarray(i * nc, (i + n) * nc), nc, rec.rate, prevEnd);
      prevEnd = t[n - 1]! + 1 / rec.rate;
    }
  }
  return { session: {}, stream: s.kind, kind: s.kind, channels: s.channels, rate: rec.rate, frames: rec.length, labels, chunks };
}

/**
 * CSV in the recording format: `t`, the channels (exact float32 text), `label`, streamed a
 * chunk at a time.
 *
 * @param source - the stream
 */
export async function* csvBytes(source: FrameSource): AsyncGenerator<Uint8Array> {
  const enc = new TextEncoder();
  const nc = source.channels.length;
  yield enc.encode(['t', ...source.channels.map(columnName), 'label'].join(',') + '\n');
  for await (const c of source.chunks()) {
    const t = new Float64Array(c.frames);
    for (let i = 0; i < c.frames; i++) t[i] = c.timestamps ? c.timestamps[i]! : c.t0 + i / c.rate;
    const labels: (string | null)[] = new Array<string | null>(c.frames);
    fillLabels(source.labels, t, c.frames, labels);
    const rows: string[] = [];
    for (let i = 0; i < c.frames; i++) {
      let row = String(t[i]);
      for (let k = 0; k < nc; k++) row += ',' + float32Text(c.data[i * nc + k]!);
      rows.push(row + ',' + (labels[i] ?? ''));
    }
    yield enc.encode(rows.join('\n') + '\n');
  }
}

/**
 * Opens a file in any of the known formats as a stream of frames (Parquet, EDF and `.sclw`
 * are read lazily from disk; CSV is read whole, as `readCsvFile` does).
 *
 * @param path - a `.csv`, `.sclw`, `.parquet` or `.edf` file
 * @param stream - which stream, for files with several (`.sclw` sessions, CSV with ECG and IMU)
 * @throws InputError `E_ARGUMENT` (unknown extension or stream); FormatError `E_IO`, `E_PARSE`...
 * @example
 * ```ts
 * import { readFrameFile } from 'scl-wear/node';
 * const source = await readFrameFile('session.sclw', 'imu');
 * ```
 */
export async function readFrameFile(path: string, stream?: string): Promise<FrameSource> {
  const format = formatOf(path, 'input');
  if (format === '.csv') return recordingSource(await readCsvFile(path), stream);
  let blob: Blob;
  try {
    blob = await openAsBlob(path);
  } catch (err) {
    throw new FormatError('E_IO', `cannot access ${path}: ${(err as NodeJS.ErrnoException).code ?? messageOf(err)}`, {
      cause: err,
      details: { path },
    });
  }
  if (format === '.sclw') return readSclw(blob, stream);
  return format === '.parquet' ? readParquet(blob) : readEdf(blob);
}

/**
 * Options of {@link writeFrameFile}.
 *
 * @example
 * ```ts
 * import { readFrameFile, writeFrameFile, type WriteFrameOptions } from 'scl-wear/node';
 * const options: WriteFrameOptions = { constants: { subject: 'S07' }, onProgress: (p) => console.log(p.frames, '/', p.totalFrames) };
 * await writeFrameFile('walk.parquet', await readFrameFile('walk.sclw', 'imu'), options);
 * ```
 */
export interface WriteFrameOptions {
  /** Called as the file is written. */
  onProgress?: (p: FrameProgress) => void;
  /** Parquet only: constant text columns (see `parquetBytes`). */
  constants?: Readonly<Record<string, string>>;
}

/**
 * Writes a stream of frames to a file in the format its extension names, streaming; the file
 * appears only when complete (written under a temporary name, then renamed).
 *
 * @param path - a `.csv`, `.sclw`, `.parquet` or `.edf` file to create or replace
 * @param source - the stream
 * @param options - progress, Parquet constant columns
 * @throws InputError `E_ARGUMENT` (unknown extension); FormatError `E_IO`, `E_UNSUPPORTED` (EDF limits)
 * @example
 * ```ts
 * import { readFrameFile, writeFrameFile } from 'scl-wear/node';
 * await writeFrameFile('walk.parquet', await readFrameFile('walk.sclw'));
 * ```
 */
export async function writeFrameFile(path: string, source: FrameSource, options: WriteFrameOptions = {}): Promise<void> {
  const format = formatOf(path, 'out');
  const bytes =
    format === '.parquet'
      ? parquetBytes(source, options)
      : format === '.edf'
        ? edfBytes(source, options)
        : format === '.sclw'
          ? sclwBytes(source)
          : csvBytes(source);
  const tmp = `${path}.partial-${process.pid}`;
  try {
    const fh = await open(tmp, 'w');
    try {
      for await (const b of bytes) await fh.write(b);
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    if (err instanceof SdkError) throw err;
    throw new FormatError('E_IO', `cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? messageOf(err)}`, {
      cause: err,
      details: { path },
    });
  }
}
