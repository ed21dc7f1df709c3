import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isBeatSymbol } from '../../src/io/wfdb-annotations.js';
import { readWfdbAnnotations } from '../../src/io/wfdb.js';
import { ECG_RATE, loadEcgRecord, preprocessEcg, windowClass, zscoreWindow, type EcgRecord } from '../../src/training/ecg-data.js';

const fixture = fileURLToPath(new URL('../fixtures/mitdb/', import.meta.url));

describe('loadEcgRecord', () => {
  it('reads MLII at 130 Hz with the reference beats moved to the new rate', async () => {
    const rec = await loadEcgRecord(fixture + '100s', { annotations: fixture + '100' });
    expect(rec.rate).toBe(ECG_RATE);
    expect(rec.signal.length).toBe(1300); // 10 s
    const beats = (await readWfdbAnnotations(fixture + '100')).filter((a) => isBeatSymbol(a.symbol) && a.sample < 3600);
    expect(Array.from(rec.beats)).toEqual(beats.map((a) => Math.round((a.sample * 130) / 360)));
    // Record 100's first 10 s: normal beats (AAMI N) at about 75 bpm.
    expect(rec.beats.length).toBeGreaterThanOrEqual(11);
    expect(rec.beats.length).toBeLessThanOrEqual(14);
    // The R peaks stand out of the band-passed signal near the annotated positions.
    const b = rec.beats[3]!;
    const local = Math.max(...Array.from(rec.signal.subarray(b - 8, b + 8)).map(Math.abs));
    const rms = Math.sqrt(rec.signal.subarray(260).reduce((s, v) => s + v * v, 0) / (1300 - 260));
    expect(local).toBeGreaterThan(3 * rms);
  });
});

describe('preprocessEcg', () => {
  it('keeps a 10 Hz wave, removes a DC offset and keeps time', () => {
    const x = Float32Array.from({ length: 3600 }, (_, i) => 2 + Math.sin((2 * Math.PI * 10 * i) / 360));
    const y = preprocessEcg(x, 360, 130);
    expect(y.length).toBe(1300);
    const tail = y.subarray(520, 1300); // after the high-pass settles
    const mean = tail.reduce((s, v) => s + v, 0) / tail.length;
    const amp = Math.sqrt((2 * tail.reduce((s, v) => s + (v - mean) ** 2, 0)) / tail.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(amp).toBeGreaterThan(0.95);
    expect(amp).toBeLessThan(1.02);
    // 10 Hz over 6 s: 60 upward zero crossings.
    let up = 0;
    for (let i = 1; i < tail.length; i++) if (tail[i - 1]! < 0 && tail[i]! >= 0) up++;
    expect(Math.abs(up - 60)).toBeLessThanOrEqual(1);
  });
});

describe('zscoreWindow', () => {
  it('gives mean 0 and standard deviation 1 inside the window only', () => {
    const x = Float32Array.from({ length: 30 }, (_, i) => 3 * i + 7);
    zscoreWindow(x, 10, 10);
    const w = x.subarray(10, 20);
    const mean = w.reduce((s, v) => s + v, 0) / 10;
    expect(mean).toBeCloseTo(0, 5);
    expect(Math.sqrt(w.reduce((s, v) => s + v * v, 0) / 10)).toBeCloseTo(1, 5);
    expect(x[0]).toBe(7);
    expect(x[20]).toBe(67);
  });
});

describe('windowClass', () => {
  it('labels a window by its most significant beat, V > S > F > N', () => {
    const rec: EcgRecord = {
      name: 't',
      rate: 130,
      signal: new Float32Array(1000),
      beats: Int32Array.from([100, 200, 300, 400, 500, 600]),
      beatClass: Uint8Array.from([0, 1, 0, 2, 3, 4]),
    };
    expect(windowClass(rec, 0, 150)).toBe(0);
    expect(windowClass(rec, 150, 100)).toBe(1);
    expect(windowClass(rec, 150, 300)).toBe(2);
    expect(windowClass(rec, 450, 100)).toBe(3);
    expect(windowClass(rec, 550, 100)).toBe(0); // Q counts as N
  });
});
