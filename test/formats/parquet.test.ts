// Parquet: what we write is read by DuckDB (a reader we did not write) with the same rows,
// columns, values, labels and metadata; and it reads back into the same stream.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parquetBytes } from '../../src/formats/parquet-write.js';
import { readParquet } from '../../src/formats/parquet-read.js';
import type { FrameProgress } from '../../src/formats/frames.js';
import { FormatError } from '../../src/errors.js';
import { bytesFrom, collect, duckQuery, makeSource, value } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'scl-parquet-'));

const query = duckQuery;

describe('Parquet export', () => {
  it('DuckDB reads every frame with t, the channels named as in CSV, label and the metadata', async () => {
    const source = makeSource({ gapAt: 7, gap: 2.5 });
    const seen: FrameProgress[] = [];
    const { bytes, pieces } = await bytesFrom(parquetBytes(source, { rowGroupFrames: 128, onProgress: (p) => seen.push(p) }));
    const file = join(dir, 'a.parquet');
    writeFileSync(file, bytes);
    const cols = await query(`DESCRIBE SELECT * FROM read_parquet('${file}')`);
    expect(cols.map((c) => [c.column_name, c.column_type])).toEqual([
      ['t', 'DOUBLE'],
      ['ax', 'FLOAT'],
      ['ay', 'FLOAT'],
      ['az[g]', 'FLOAT'],
      ['gx', 'FLOAT'],
      ['gy', 'FLOAT'],
      ['gz', 'FLOAT'],
      ['label', 'VARCHAR'],
    ]);
    const rows = await query(`SELECT * FROM read_parquet('${file}') ORDER BY t`);
    expect(rows.length).toBe(1000);
    const { times } = await collect(source);
    for (const i of [0, 1, 349, 350, 351, 777, 999]) {
      const r = rows[i]!;
      expect(r.t).toBe(times[i]);
      expect([r.ax, r.ay, r['az[g]'], r.gx, r.gy, r.gz]).toEqual([0, 1, 2, 3, 4, 5].map((c) => value(i, c)));
    }
    // The gap: 2.5 s more than one period between frames 349 and 350.
    expect((rows[350]!.t as number) - (rows[349]!.t as number)).toBeCloseTo(2.5 + 1 / 50, 9);
    // Labels: WALKING on [101, 104.5), SITTING from 106 to the end, none elsewhere; events are not per row.
    const counts = await query(
      `SELECT label, count(*)::INTEGER AS n, min(t) AS t0, max(t) AS t1 FROM read_parquet('${file}') GROUP BY label ORDER BY label NULLS FIRST`,
    );
    const walking = times.filter((t) => t >= 101 && t < 104.5).length;
    const sitting = times.filter((t) => t >= 106).length;
    expect(counts).toEqual([
      { label: null, n: 1000 - walking - sitting, t0: 100, t1: expect.any(Number) },
      { label: 'SITTING', n: sitting, t0: 106, t1: times[999] },
      { label: 'WALKING', n: walking, t0: 101, t1: expect.any(Number) },
    ]);
    const kv = await query(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata('${file}')`);
    const meta = Object.fromEntries(kv.map((r) => [r.k, r.v]));
    expect(meta).toMatchObject({ subject: 'S07', session: 'sess-1', stream: 'imu', rate_hz: '50' });
    expect(JSON.parse(meta['scl-wear'] as string)).toMatchObject({
      kind: 'imu',
      rate: 50,
      session: { subject: 'S07', device: { model: 'H10' } },
      labels: source.labels,
    });
    // Streamed: one piece per row group plus the footer, progress in order.
    const groups = await query(`SELECT count(DISTINCT row_group_id)::INTEGER AS n FROM parquet_metadata('${file}')`);
    expect(groups[0]!.n).toBe(Math.ceil(1000 / 128));
    expect(pieces).toBeGreaterThanOrEqual(8);
    expect(seen.map((p) => p.frames)).toEqual([...seen.map((p) => p.frames)].sort((a, b) => a - b));
    expect(seen.at(-1)).toEqual({ status: 'complete', frames: 1000, totalFrames: 1000, bytes: bytes.length });
  });

  it('reads back into the same samples, times, gap, labels and session', async () => {
    const source = makeSource({ gapAt: 7, gap: 2.5 });
    const { bytes } = await bytesFrom(parquetBytes(source, { rowGroupFrames: 300 }));
    const back = await readParquet(new Blob([bytes]));
    expect(back).toMatchObject({
      stream: 'imu',
      kind: 'imu',
      rate: 50,
      frames: 1000,
      channels: source.channels,
      labels: source.labels,
      session: source.session,
    });
    const a = await collect(source);
    const b = await collect(back);
    expect(b.data).toEqual(a.data);
    expect(b.times).toEqual(a.times);
    const gaps = b.chunks.filter((c) => c.gapBefore !== undefined);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.t0).toBe(a.times[350]);
    expect(gaps[0]!.gapBefore).toBeCloseTo(2.5, 9);
    expect(b.chunks.every((c) => !c.timestamps)).toBe(true);
  });

  it('a long stream is written one row group at a time (bounded memory)', async () => {
    // 2 h of 6-channel IMU at 50 Hz, generated lazily; the largest piece is one row group.
    const source = makeSource({ chunk: 500, chunks: 720, labels: [] });
    let largest = 0;
    let total = 0;
    let pieces = 0;
    for await (const p of parquetBytes(source, { rowGroupFrames: 20_000 })) {
      largest = Math.max(largest, p.length);
      total += p.length;
      pieces++;
    }
    expect(pieces).toBeGreaterThanOrEqual(360_000 / 20_000);
    expect(largest).toBeLessThan(20_000 * (8 + 6 * 4) * 1.1);
    expect(largest).toBeLessThan(total / 10);
  });

  it('reads a Parquet file of another tool in the same layout, inferring rate and labels', async () => {
    const file = join(dir, 'foreign.parquet');
    await query(`COPY (SELECT i / 50.0 AS t, sin(i)::FLOAT AS ax, cos(i)::FLOAT AS ay, 1.0::FLOAT AS "az[g]",
      CASE WHEN i < 100 THEN 'walk' WHEN i >= 150 THEN 'sit' END AS label, 'x' AS other FROM range(200) r(i)) TO '${file}' (FORMAT parquet)`);
    const src = await readParquet(readFileSync(file));
    expect(src).toMatchObject({
      kind: 'acc',
      rate: 50,
      frames: 200,
      channels: [
        { name: 'ax', unit: 'm/s^2' },
        { name: 'ay', unit: 'm/s^2' },
        { name: 'az', unit: 'g' },
      ],
    });
    expect(src.labels).toEqual([
      { kind: 'activity', label: 'walk', start: 0, end: 2 },
      { kind: 'activity', label: 'sit', start: 3, end: 4 },
    ]);
    const { data, times } = await collect(src);
    expect(times[199]).toBeCloseTo(3.98, 12);
    expect(data[3 * 7]).toBe(Math.fround(Math.sin(7)));
  });

  it('rejects a file that is not Parquet, or has no t and channel columns, with a FormatError', async () => {
    await expect(readParquet(new TextEncoder().encode('t,ax\n0,1\n'))).rejects.toMatchObject({ code: 'E_PARSE' });
    const file = join(dir, 'other.parquet');
    await query(`COPY (SELECT 1.5::DOUBLE AS time, 2.0::FLOAT AS x) TO '${file}' (FORMAT parquet)`);
    const err = await readParquet(readFileSync(file)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormatError);
    expect(err).toMatchObject({ code: 'E_UNSUPPORTED' });
  });
});
