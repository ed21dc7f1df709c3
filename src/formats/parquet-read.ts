import { parquetMetadataAsync, parquetRead, type FileMetaData } from 'hyparquet';
import { columnName, type ChannelInfo, type SensorKind } from '../core/batch.js';
import { FormatError, messageOf } from '../errors.js';
import type { FrameChunk, FrameLabel, FrameSession, FrameSource } from './frames.js';
import { PARQUET_META_KEY } from './parquet-write.js';
import { segmentFrames } from './segments.js';
import { asyncBufferOf, type AsyncBytes, type RandomAccessBytes } from './random-access.js';
import { inferParquet } from './parquet-infer.js';

interface Described {
  session?: FrameSession;
  stream?: string;
  kind?: SensorKind;
  channels?: ChannelInfo[];
  rate?: number;
  labels?: FrameLabel[];
}

/** The `scl-wear` metadata entry, checked; inferred from the columns for files of other tools. */
async function describe(meta: FileMetaData, file: AsyncBytes): Promise<Required<Described>> {
  const kv = meta.key_value_metadata?.find((e) => e.key === PARQUET_META_KEY)?.value;
  if (kv === undefined) {
    const d = await inferParquet(file, meta);
    return { session: {}, stream: d.kind, ...d };
  }
  let d: Described;
  try {
    d = JSON.parse(kv) as Described;
  } catch (err) {
    throw new FormatError('E_PARSE', `Parquet "${PARQUET_META_KEY}" metadata is not JSON`, { cause: err });
  }
  if (!Array.isArray(d.channels) || d.channels.length === 0 || typeof d.kind !== 'string' || !(typeof d.rate === 'number' && d.rate > 0)) {
    throw new FormatError('E_PARSE', `Parquet "${PARQUET_META_KEY}" metadata lacks kind, channels or rate`);
  }
  return {
    session: d.session ?? {},
    stream: d.stream ?? d.kind,
    kind: d.kind,
    channels: d.channels,
    rate: d.rate,
    labels: Array.isArray(d.labels) ? d.labels : [],
  };
}

/**
 * Reads a Parquet file written by {@link advanced!parquetBytes} back as a {@link FrameSource}: the
 * session, stream and labels from its metadata; frames read one row group at a time (gaps and
 * irregular times are recovered from `t`). A file of another tool in the same layout (`t`,
 * channel columns named as in CSV, optional `label`) is read too, its rate inferred from `t`.
 *
 * @param file - the file as a Blob, bytes, or random-access buffer
 * @returns the stream, ready to write in another format or import
 * @throws FormatError `E_PARSE` (not Parquet, bad metadata, missing columns), `E_UNSUPPORTED`
 *   (no scl-wear metadata and no `t` and channel columns to go by)
 * @example
 * ```ts
 * import { readParquet } from 'scl-wear';
 * const source = await readParquet(file);
 * console.log(source.frames, source.channels);
 * ```
 */
export async function readParquet(file: RandomAccessBytes): Promise<FrameSource> {
  const buffer = asyncBufferOf(file);
  let meta: FileMetaData;
  try {
    meta = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw new FormatError('E_PARSE', `not a Parquet file: ${messageOf(err)}`, { cause: err });
  }
  const d = await describe(meta, buffer);
  const names = d.channels.map(columnName);
  const present = new Set(meta.schema.map((s) => s.name));
  const missing = ['t', ...names].filter((n) => !present.has(n));
  if (missing.length) throw new FormatError('E_PARSE', `Parquet file lacks columns ${missing.join(', ')}`, { details: { missing } });
  const nc = names.length;
  async function* chunks(): AsyncGenerator<FrameChunk> {
    let row = 0;
    let prevEnd: number | undefined;
    for (const g of meta.row_groups) {
      const rows = Number(g.num_rows);
      const cols = new Map<string, ArrayLike<number>>();
      await parquetRead({
        file: buffer,
        metadata: meta,
        rowStart: row,
        rowEnd: row + rows,
        columns: ['t', ...names],
        onChunk: (c) => cols.set(c.columnName, c.columnData as ArrayLike<number>),
      });
      const t = Float64Array.from(cols.get('t') ?? []);
      const data = new Float32Array(rows * nc);
      for (let k = 0; k < nc; k++) {
        const col = cols.get(names[k]!) ?? [];
        for (let i = 0; i < rows; i++) data[i * nc + k] = col[i]!;
      }
      if (t.length !== rows) throw new FormatError('E_PARSE', `row group at row ${row} has ${t.length} times for ${rows} rows`);
      yield* segmentFrames(t, data, nc, d.rate, prevEnd);
      if (rows > 0) prevEnd = t[rows - 1]! + 1 / d.rate;
      row += rows;
    }
  }
  return {
    session: d.session,
    stream: d.stream,
    kind: d.kind,
    channels: d.channels,
    rate: d.rate,
    labels: d.labels,
    frames: Number(meta.num_rows),
    chunks,
  };
}
