import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectRPeaks } from '../../src/dsp/detect-rpeaks.js';
import { readWfdbAnnotations, readWfdbRecord } from '../../src/io/wfdb.js';
import { resampled } from './ecg-fixtures.js';

const path = fileURLToPath(new URL('../fixtures/ludb/64iii', import.meta.url));

describe('R peaks on a lead with T waves taller than the QRS (LUDB record 64, lead III)', () => {
  it.each([500, 250, 130])('finds every marked QRS and none of the T waves at %i Hz', async (rate) => {
    const rec = await readWfdbRecord(path);
    const marks = (await readWfdbAnnotations(path, 'iii')).filter((a) => a.symbol === 'N').map((a) => (a.sample * rate) / 500);
    const t = (await readWfdbAnnotations(path, 'iii')).filter((a) => a.symbol === 't').map((a) => (a.sample * rate) / 500);
    expect(marks.length).toBeGreaterThan(6);
    const data = rec.signals[0]!.data;
    const x = rate === 500 ? data : resampled({ x: data, rate: 500, beats: [], symbols: [] }, rate).x;
    const peaks = Array.from(detectRPeaks(x, rate));
    const tol = 0.15 * rate;
    // Every marked QRS has a detection; no detection between the first and last mark is off a QRS.
    for (const m of marks) expect(peaks.some((p) => Math.abs(p - m) <= tol)).toBe(true);
    const inside = peaks.filter((p) => p >= marks[0]! - tol && p <= marks[marks.length - 1]! + tol);
    expect(inside.length).toBe(marks.length);
    // The T-wave peaks the annotators marked are not detected.
    for (const tp of t) expect(peaks.some((p) => Math.abs(p - tp) < 0.05 * rate)).toBe(false);
  });
});
