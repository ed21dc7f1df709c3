import { openAsBlob } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { checkArg } from '../errors.js';
import type { FrameSource } from '../formats/frames.js';
import { sclwStreams } from '../storage/sclw-frames.js';
import { readCsvFile } from './csv.js';
import { FRAME_FORMATS, readFrameFile, recordingSource, writeFrameFile } from './frame-files.js';

/**
 * What {@link writeParquetDataset} wrote.
 *
 * @example
 * ```ts
 * import { writeParquetDataset, type DatasetSummary } from 'scl-wear/node';
 * const summary: DatasetSummary = await writeParquetDataset('exports/', 'dataset/');
 * console.log(`${summary.files} files, ${summary.rows} rows in ${summary.parts.length} parts`);
 * ```
 */
export interface DatasetSummary {
  /** Input files read. */
  readonly files: number;
  /** Parquet files written, relative to the output folder, e.g. `subject=S01/date=2026-12-04/part-0.parquet`. */
  readonly parts: readonly string[];
  /** Rows (frames) written. */
  readonly rows: number;
}

/** Hive's name for a missing partition value. */
const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';
const partValue = (v: string | undefined) => (v === undefined || v === '' ? NULL_PARTITION : encodeURIComponent(v));
const dateOf = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10));

async function sourcesOf(path: string): Promise<FrameSource[]> {
  if (path.toLowerCase().endsWith('.sclw')) {
    const names = await sclwStreams(await openAsBlob(path));
    return Promise.all(names.map((n) => readFrameFile(path, n)));
  }
  if (path.toLowerCase().endsWith('.csv')) {
    const rec = await readCsvFile(path);
    return rec.streams.map((s) => recordingSource(rec, s.kind));
  }
  return [await readFrameFile(path)];
}

/**
 * Converts a folder of exported sessions (`.sclw`, `.parquet`, `.edf`, `.csv`) into one Parquet
 * dataset partitioned Hive-style by subject and UTC start date:
 * `subject=S01/date=2026-12-04/part-0.parquet`, one part per stream of each session, each
 * with the `session` and `stream` as extra columns. DuckDB reads it with
 * `read_parquet('out/**\/*.parquet', hive_partitioning = true, union_by_name = true)`; Spark
 * with `spark.read.option("mergeSchema", "true").parquet("out")`.
 *
 * @param inputDir - the folder of session files (not recursive)
 * @param outDir - a folder that does not exist yet or is empty
 * @param onPart - called after each part is written
 * @returns what was written
 * @throws InputError `E_ARGUMENT` when `outDir` is not empty; FormatError from the readers
 * @example
 * ```ts
 * import { writeParquetDataset } from 'scl-wear/node';
 * const { parts } = await writeParquetDataset('exports/', 'dataset/');
 * ```
 */
export async function writeParquetDataset(inputDir: string, outDir: string, onPart?: (part: string) => void): Promise<DatasetSummary> {
  const existing = await readdir(outDir).catch(() => []);
  checkArg(existing.length === 0, 'out', 'a folder that does not exist yet or is empty', outDir);
  const files = (await readdir(inputDir))
    .filter((f) => (FRAME_FORMATS as readonly string[]).some((e) => f.toLowerCase().endsWith(e)))
    .sort();
  const counts = new Map<string, number>();
  const parts: string[] = [];
  let rows = 0;
  for (const f of files) {
    for (const source of await sourcesOf(join(inputDir, f))) {
      const s = source.session;
      const dir = `subject=${partValue(s.subject)}/date=${partValue(dateOf(s.startedAt ?? s.createdAt))}`;
      const k = counts.get(dir) ?? 0;
      counts.set(dir, k + 1);
      const part = `${dir}/part-${k}.parquet`;
      await mkdir(join(outDir, dir), { recursive: true });
      await writeFrameFile(join(outDir, part), source, { constants: { session: s.id ?? basename(f), stream: source.stream } });
      parts.push(part);
      rows += source.frames;
      onPart?.(part);
    }
  }
  return { files: files.length, parts, rows };
}
