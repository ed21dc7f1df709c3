// scl-wear convert: every format to every other by extension, and a folder of sessions into a
// Parquet dataset partitioned by subject and date that DuckDB queries with hive partitioning.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertCommand } from '../../src/cli/cmd-convert.js';
import { simulateCommand } from '../../src/cli/cmd-simulate.js';
import type { CliIO } from '../../src/cli/command.js';
import { readCsvFile } from '../../src/io/csv.js';
import { sclwBytes } from '../../src/storage/sclw-frames.js';
import { parquetBytes } from '../../src/formats/parquet-write.js';
import { bytesFrom, duckQuery, makeSource } from '../formats/helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'scl-wear-convert-'));
const io = (): CliIO & { lines: string[] } => {
  const lines: string[] = [];
  return { lines, out: (t) => lines.push(t), err: (t) => lines.push(t) };
};
const convert = async (...args: string[]) => {
  const out = io();
  expect(await convertCommand.run(args, out)).toBe(0);
  return out.lines.join('\n');
};
const query = duckQuery;

describe('scl-wear convert', () => {
  it('csv → sclw → parquet → csv keeps every sample, time and label exactly', async () => {
    const csv = join(tmp, 'imu.csv');
    await simulateCommand.run(['--kind', 'imu', '--activities', 'walking:6,sitting:4', '--rate', '50', '--out', csv, '--seed', '2'], io());
    await convert('--input', csv, '--out', join(tmp, 'imu.sclw'));
    await convert('--input', join(tmp, 'imu.sclw'), '--out', join(tmp, 'imu.parquet'));
    expect(await convert('--input', join(tmp, 'imu.parquet'), '--out', join(tmp, 'back.csv'))).toMatch(
      /500 frames at 50 Hz, 6 channels, 2 labels/,
    );
    const a = await readCsvFile(csv);
    const b = await readCsvFile(join(tmp, 'back.csv'));
    expect(b.length).toBe(a.length);
    expect(b.streams[0]!.data).toEqual(a.streams[0]!.data);
    expect(b.timestamps).toEqual(a.timestamps);
    expect(b.labels).toEqual(a.labels);
    const rows = await query(`SELECT label, count(*)::INTEGER AS n FROM '${join(tmp, 'imu.parquet')}' GROUP BY label ORDER BY label`);
    expect(rows).toEqual([
      { label: 'sitting', n: 200 },
      { label: 'walking', n: 300 },
    ]);
  });

  it('csv → edf → parquet: ECG within the 16-bit step', async () => {
    const csv = join(tmp, 'ecg.csv');
    await simulateCommand.run(['--kind', 'ecg', '--seconds', '10', '--rate', '250', '--out', csv, '--seed', '1'], io());
    await convert('--input', csv, '--out', join(tmp, 'ecg.edf'));
    await convert('--input', join(tmp, 'ecg.edf'), '--out', join(tmp, 'ecg.parquet'));
    const a = (await readCsvFile(csv)).streams[0]!.data;
    const rows = await query(`SELECT ecg FROM '${join(tmp, 'ecg.parquet')}' ORDER BY t`);
    expect(rows).toHaveLength(2500);
    const range = Math.max(...a) - Math.min(...a);
    expect(Math.max(...rows.map((r, i) => Math.abs((r.ecg as number) - a[i]!)))).toBeLessThanOrEqual(range / 65535);
  });

  it('a folder of sessions becomes a dataset partitioned by subject and date', async () => {
    const inDir = join(tmp, 'sessions');
    mkdirSync(inDir);
    const day = (d: number) => Date.UTC(2026, 11, d, 10);
    const make = (id: string, subject: string, d: number, chunks: number) => {
      const s = makeSource({ chunks });
      return { ...s, session: { ...s.session, id, subject, startedAt: day(d), createdAt: day(d) } };
    };
    writeFileSync(join(inDir, 'a.sclw'), (await bytesFrom(sclwBytes(make('a', 'S01', 1, 4)))).bytes);
    writeFileSync(join(inDir, 'b.sclw'), (await bytesFrom(sclwBytes(make('b', 'S01', 1, 6)))).bytes);
    writeFileSync(join(inDir, 'c.parquet'), (await bytesFrom(parquetBytes(make('c', 'S 02', 2, 3)))).bytes);
    writeFileSync(join(inDir, 'notes.txt'), 'ignored');
    const out = join(tmp, 'dataset');
    expect(await convert('--input', inDir, '--out', out)).toMatch(/3 Parquet parts from 3 files, 650 rows/);
    expect(readdirSync(out).sort()).toEqual(['subject=S%2002', 'subject=S01']); // escaped as Hive does
    expect(existsSync(join(out, 'subject=S01/date=2026-12-01/part-1.parquet'))).toBe(true);
    const rows = await query(`SELECT subject, date::VARCHAR AS date, session, count(*)::INTEGER AS n, count(label)::INTEGER AS labelled
      FROM read_parquet('${out}/**/*.parquet', hive_partitioning = true) GROUP BY ALL ORDER BY session`);
    expect(rows).toEqual([
      { subject: 'S01', date: '2026-12-01', session: 'a', n: 200, labelled: expect.any(Number) },
      { subject: 'S01', date: '2026-12-01', session: 'b', n: 300, labelled: expect.any(Number) },
      { subject: 'S 02', date: '2026-12-02', session: 'c', n: 150, labelled: expect.any(Number) },
    ]);
    await expect(convertCommand.run(['--input', inDir, '--out', out], io())).rejects.toMatchObject({ code: 'E_ARGUMENT' });
  });

  it('names the allowed extensions for an unknown one', async () => {
    await expect(convertCommand.run(['--input', join(tmp, 'x.csv'), '--out', join(tmp, 'x.xlsx')], io())).rejects.toMatchObject({
      code: 'E_ARGUMENT',
      message: expect.stringMatching(/\.parquet/),
    });
  });
});
