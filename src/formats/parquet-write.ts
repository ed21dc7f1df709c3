import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { columnName } from '../core/batch.js';
import { checkArg } from '../errors.js';
import { fillLabels, type FrameProgress, type FrameSource } from './frames.js';

/** Key of the key-value metadata entry holding the session, stream and labels as JSON. */
export const PARQUET_META_KEY = 'scl-wear';

/**
 * Options of {@link parquetBytes}.
 *
 * @example
 * ```ts
 * import { parquetBytes, type ParquetWriteOptions } from 'scl-wear/advanced';
 * const options: ParquetWriteOptions = { rowGroupFrames: 8192, constants: { subject: 'S07' }, onProgress: (p) => console.log(p.frames, '/', p.totalFrames) };
 * for await (const bytes of parquetBytes(source, options)) await writable.write(bytes); // source: a FrameSource
 * ```
 */
export interface ParquetWriteOptions {
  /** Frames per row group (the unit of memory while writing); default 65,536. */
  rowGroupFrames?: number;
  /** Called after each row group and at the end. */
  onProgress?: (p: FrameProgress) => void;
  /** Extra text columns with one value for every row (e.g. `session`, `stream` in a dataset). */
  constants?: Readonly<Record<string, string>>;
}

/** Parquet schema: `t` (DOUBLE, s), one FLOAT column per channel, `label` (optional UTF-8). */
function schemaOf(source: FrameSource, constants: readonly string[]) {
  return [
    { name: 'root', num_children: source.channels.length + 2 + constants.length },
    { name: 't', type: 'DOUBLE' as const, repetition_type: 'REQUIRED' as const },
    ...source.channels.map((ch) => ({ name: columnName(ch), type: 'FLOAT' as const, repetition_type: 'REQUIRED' as const })),
    { name: 'label', type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const, repetition_type: 'OPTIONAL' as const },
    ...constants.map((name) => ({
      name,
      type: 'BYTE_ARRAY' as const,
      converted_type: 'UTF8' as const,
      repetition_type: 'REQUIRED' as const,
    })),
  ];
}

/** Key-value metadata: the whole description as JSON, plus a few plain keys for quick queries. */
function kvOf(source: FrameSource) {
  const { session, stream, kind, channels, rate, labels } = source;
  const meta = { version: 1, session, stream, kind, channels, rate, labels };
  return [
    { key: PARQUET_META_KEY, value: JSON.stringify(meta) },
    { key: 'stream', value: stream },
    { key: 'rate_hz', value: String(rate) },
    ...(session.id !== undefined ? [{ key: 'session', value: session.id }] : []),
    ...(session.subject !== undefined ? [{ key: 'subject', value: session.subject }] : []),
  ];
}

/**
 * Writes one stream of a session as a Parquet file, row group by row group: one row per frame
 * with `t` (seconds, DOUBLE), one FLOAT column per channel named as in the CSV format (`ecg`,
 * `ax`, `ax[g]`...) and `label` (the activity label covering the frame, or null). Session,
 * stream, units and every label are in the key-value metadata under `scl-wear` (JSON).
 * Samples use BYTE_STREAM_SPLIT encoding and Snappy compression; `t` carries min/max
 * statistics so engines can skip row groups by time.
 *
 * Memory stays bounded by one row group, whatever the length of the session.
 *
 * @param source - the stream to write
 * @param options - row group size, progress callback
 * @returns the file's bytes, one piece per row group
 * @throws InputError `E_ARGUMENT` for a bad `rowGroupFrames`
 * @example
 * ```ts
 * import { parquetBytes } from 'scl-wear/advanced';
 * // source: a FrameSource; writable: e.g. a file picked with showSaveFilePicker, opened with createWritable()
 * for await (const bytes of parquetBytes(source)) await writable.write(bytes); // one row group at a time
 * await writable.close();
 * ```
 */
export async function* parquetBytes(source: FrameSource, options: ParquetWriteOptions = {}): AsyncGenerator<Uint8Array> {
  const group = options.rowGroupFrames ?? 65_536;
  checkArg(Number.isInteger(group) && group > 0, 'options.rowGroupFrames', 'a positive whole number', group);
  const nc = source.channels.length;
  const names = source.channels.map(columnName);
  const writer = new ByteWriter(1 << 20);
  const pieces: Uint8Array[] = [];
  const take = () => {
    pieces.push(writer.getBytes().slice());
    writer.index = 0;
  };
  (writer as ByteWriter & { flush?: () => void }).flush = take;
  const constants = Object.entries(options.constants ?? {});
  checkArg(
    constants.every(([k]) => k !== 't' && k !== 'label' && !names.includes(k)),
    'options.constants',
    'names other than t, label and the channels',
    Object.keys(options.constants ?? {}),
  );
  const pw = new ParquetWriter({
    writer,
    schema: schemaOf(
      source,
      constants.map(([k]) => k),
    ),
    kvMetadata: kvOf(source),
    createdBy: 'scl-wear',
  });
  const t = new Float64Array(group);
  const cols = names.map(() => new Float32Array(group));
  const labels: (string | null)[] = new Array<string | null>(group).fill(null);
  let fill = 0;
  let frames = 0;
  let bytes = 0;
  const emit = () => {
    fillLabels(source.labels, t, fill, labels);
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- flush (take) is synchronous, so write returns nothing
    pw.write({
      rowGroupSize: fill,
      columnData: [
        { name: 't', data: t.subarray(0, fill), encoding: 'BYTE_STREAM_SPLIT' },
        ...cols.map((c, k) => ({ name: names[k]!, data: c.subarray(0, fill), encoding: 'BYTE_STREAM_SPLIT' as const, statistics: false })),
        { name: 'label', data: labels.slice(0, fill) },
        ...constants.map(([name, v]) => ({ name, data: new Array<string>(fill).fill(v) })),
      ],
    });
    frames += fill;
    fill = 0;
  };
  for await (const c of source.chunks()) {
    let i = 0;
    while (i < c.frames) {
      const n = Math.min(c.frames - i, group - fill);
      for (let j = 0; j < n; j++) t[fill + j] = c.timestamps ? c.timestamps[i + j]! : c.t0 + (i + j) / c.rate;
      const d = c.data;
      for (let k = 0; k < nc; k++) {
        const col = cols[k]!;
        for (let j = 0, s = i * nc + k; j < n; j++, s += nc) col[fill + j] = d[s]!;
      }
      fill += n;
      i += n;
      if (fill === group) emit();
    }
    if (pieces.length === 0) continue;
    for (const p of pieces.splice(0)) {
      bytes += p.length;
      yield p;
    }
    options.onProgress?.({ status: 'writing', frames, totalFrames: source.frames, bytes });
  }
  if (fill > 0) emit();
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- as in emit: nothing to wait for
  pw.finish();
  take();
  for (const p of pieces.splice(0)) {
    bytes += p.length;
    yield p;
  }
  options.onProgress?.({ status: 'complete', frames, totalFrames: source.frames, bytes });
}
