import { parquetRead, type FileMetaData } from 'hyparquet';
import { DEFAULT_UNIT, type ChannelInfo, type SensorKind, type Unit } from '../core/batch.js';
import { FormatError } from '../errors.js';
import type { FrameLabel } from './frames.js';
import type { AsyncBytes } from './random-access.js';

const COLUMN = /^(ecg|a[xyz]|g[xyz])(?:\[([^\]]+)\])?$/;

/** What a Parquet file written by another tool says about itself, inferred from its columns. */
export interface Inferred {
  kind: SensorKind;
  channels: ChannelInfo[];
  rate: number;
  labels: FrameLabel[];
}

async function column(file: AsyncBytes, meta: FileMetaData, name: string, rowEnd: number): Promise<unknown[]> {
  const out: unknown[] = [];
  await parquetRead({
    file,
    metadata: meta,
    columns: [name],
    rowStart: 0,
    rowEnd,
    onComplete: (rows: unknown[][]) => rows.forEach((r) => out.push(r[0])),
  });
  return out;
}

/**
 * Infers the stream of a Parquet file written by another tool (pandas, Polars, DuckDB...) in
 * the same layout as ours: a `t` column in seconds, channel columns named as in the CSV format
 * (`ecg`, `ax..az`, `gx..gz`, optionally `name[unit]`), an optional `label` column. The rate is
 * the median spacing of `t` over the first rows; labels are the runs of equal `label` values.
 *
 * @param file - the file
 * @param meta - its metadata
 * @throws FormatError `E_UNSUPPORTED` when there is no `t` column, no known channel column, or
 *   channels of several streams
 */
export async function inferParquet(file: AsyncBytes, meta: FileMetaData): Promise<Inferred> {
  const names = meta.schema.slice(1).map((s) => s.name);
  if (!names.includes('t')) throw new FormatError('E_UNSUPPORTED', 'Parquet file has neither scl-wear metadata nor a "t" column');
  const channels: ChannelInfo[] = [];
  for (const n of names) {
    const m = COLUMN.exec(n);
    if (m) channels.push({ name: m[1]!, unit: (m[2] ?? DEFAULT_UNIT[m[1]!]!) as Unit });
  }
  const has = (re: RegExp) => channels.some((c) => re.test(c.name));
  const kind: SensorKind | undefined = has(/^ecg$/)
    ? has(/^[ag]/)
      ? undefined
      : 'ecg'
    : has(/^g/)
      ? 'imu'
      : has(/^a/)
        ? 'acc'
        : undefined;
  if (!kind)
    throw new FormatError(
      'E_UNSUPPORTED',
      `Parquet columns ${JSON.stringify(names)} are not one stream of ecg, or ax..az with optional gx..gz`,
    );
  const rows = Number(meta.num_rows);
  const t = (await column(file, meta, 't', Math.min(rows, 2001))).map(Number);
  const dts = t
    .slice(1)
    .map((v, i) => v - t[i]!)
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  if (dts.length === 0) throw new FormatError('E_UNSUPPORTED', 'Parquet "t" column has too few increasing times to tell the sample rate');
  const rate = Math.round(1e6 / dts[Math.floor(dts.length / 2)]!) / 1e6;
  const labels: FrameLabel[] = [];
  if (names.includes('label') && rows > 0) {
    const [all, ts] = [await column(file, meta, 'label', rows), (await column(file, meta, 't', rows)).map(Number)];
    for (let i = 0; i < rows;) {
      let j = i + 1;
      while (j < rows && all[j] === all[i]) j++;
      if (typeof all[i] === 'string' && all[i] !== '')
        labels.push({ kind: 'activity', label: all[i] as string, start: ts[i]!, end: ts[j - 1]! + 1 / rate });
      i = j;
    }
  }
  return { kind, channels, rate, labels };
}
