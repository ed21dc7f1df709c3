import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvFile, writeCsvFile } from '../../src/io/csv.js';
import { readWfdbAnnotations } from '../../src/io/wfdb.js';
import { parseCsv } from '../../src/sources/csv-parse.js';
import { simulateImu } from '../../src/sources/imu-sim.js';
import { FormatError, InputError } from '../../src/errors.js';

const fixtures = resolve(import.meta.dirname, '..', 'fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'scl-wear-csv-'));

describe('readCsvFile on real recordings', () => {
  it('reads MIT-BIH record 100 (MLII) at 360 Hz in mV, matching its header and beat annotations', async () => {
    const rec = await readCsvFile(join(fixtures, 'csv', 'mitdb-100-5s.csv'));
    expect(rec.rate).toBe(360);
    expect(rec.length).toBe(1800);
    const x = rec.streams[0]!.data;
    // 100.hea gives the first MLII sample as ADC 995: (995 - 1024) / 200 = -0.145 mV.
    expect(x[0]).toBeCloseTo(-0.145, 6);
    // Every value is a whole number of ADC units (gain 200 per mV).
    for (const v of x) expect(Math.abs(v * 200 - Math.round(v * 200))).toBeLessThan(1e-3);
    // Each annotated beat of 100.atr in these 5 s sits within 40 ms of a local maximum above 0.5 mV (the R wave).
    const beats = (await readWfdbAnnotations(join(fixtures, 'mitdb', '100'))).filter((a) => a.symbol === 'N' && a.sample < 1780);
    expect(beats.length).toBeGreaterThanOrEqual(5);
    for (const b of beats) {
      let peak = -Infinity;
      for (let i = Math.max(0, b.sample - 14); i <= b.sample + 14; i++) peak = Math.max(peak, x[i]!);
      expect(peak).toBeGreaterThan(0.5);
    }
  });

  it('reads a UCI HAR session with its labels and the gap where the postural transition was', async () => {
    const rec = await readCsvFile(join(fixtures, 'csv', 'ucihar-s2-laying-walking.csv'));
    expect(rec.rate).toBe(50);
    expect(rec.labels!.map((l) => l.label)).toEqual(['laying', 'walking']);
    const walk = rec.labels![1]!;
    const ts = rec.timestamps!;
    expect(ts[walk.start]! - ts[walk.start - 1]!).toBeGreaterThan(1); // the transition is absent
    const d = rec.streams[0]!.data;
    const magnitude = (i: number) => Math.hypot(d[i * 6]!, d[i * 6 + 1]!, d[i * 6 + 2]!);
    let still = 0;
    for (let i = 0; i < walk.start; i++) still += magnitude(i) / walk.start;
    expect(Math.abs(still - 9.80665) / 9.80665).toBeLessThan(0.03); // lying still: gravity only
    let swing = 0;
    for (let i = walk.start; i < walk.end; i++) swing = Math.max(swing, Math.abs(magnitude(i) - 9.80665));
    expect(swing).toBeGreaterThan(3); // walking: steps of several m/s²
  });
});

describe('readCsvFile on bad files', () => {
  const write = (name: string, text: string) => {
    const p = join(tmp, name);
    writeFileSync(p, text);
    return p;
  };

  it('gives typed errors naming the line for text in a number column, ragged rows, backwards time and empty files', async () => {
    await expect(readCsvFile(write('text.csv', 't,ecg\n0,1\n0.01,1.2.3\n'))).rejects.toMatchObject({
      code: 'E_PARSE',
      details: { line: 3, column: 2 },
    });
    await expect(readCsvFile(write('ragged.csv', 't,ecg\n0,1\n0.01\n'))).rejects.toBeInstanceOf(FormatError);
    const back = readCsvFile(write('back.csv', 't,ecg\n0,1\n0.01,1\n0.02,1\n0.015,1\n'));
    await expect(back).rejects.toBeInstanceOf(InputError);
    await expect(readCsvFile(join(tmp, 'back.csv'))).rejects.toMatchObject({ code: 'E_NON_MONOTONIC', details: { line: 5 } });
    await expect(readCsvFile(write('empty.csv', ''))).rejects.toMatchObject({ code: 'E_PARSE' });
  });

  it('reports a missing file as E_IO', async () => {
    await expect(readCsvFile(join(tmp, 'nope.csv'))).rejects.toMatchObject({ code: 'E_IO' });
  });
});

describe('writeCsvFile', () => {
  it('writes a file readCsvFile reads back and that equals the text form', async () => {
    const { recording } = simulateImu({ activities: [{ activity: 'walking', seconds: 30 }], rate: 50, accUnit: 'g', seed: 3 });
    const path = join(tmp, 'imu.csv');
    await writeCsvFile(path, recording);
    const back = await readCsvFile(path);
    expect(back.length).toBe(recording.length);
    expect(back.labels).toEqual(recording.labels);
    const a = recording.streams[0]!.data;
    const b = back.streams[0]!.data;
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
    expect(worst).toBeLessThan(1e-6);
    expect(parseCsv(readFileSync(path, 'utf8')).streams[0]!.data).toEqual(b);
  });

  it('reports a file that cannot be created as E_IO', async () => {
    const { recording } = simulateImu({ activities: [{ activity: 'sitting', seconds: 1 }], seed: 1 });
    await expect(writeCsvFile(join(tmp, 'no-such-dir', 'x.csv'), recording)).rejects.toMatchObject({ code: 'E_IO' });
  });
});
