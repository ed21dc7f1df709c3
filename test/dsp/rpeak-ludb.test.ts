import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectRPeaks } from '../../src/dsp/detect-rpeaks.js';
import { readWfdbAnnotations, readWfdbRecord } from '../../src/io/wfdb.js';
import { resampled } from './ecg-fixtures.js';

/** Detections at `rate` on a one-lead LUDB fixture, with the lead's marks (QRS `N`, T peak `t`). */
async function run(name: string, lead: string, rate: number) {
  const path = fileURLToPath(new URL(`../fixtures/ludb/${name}`, import.meta.url));
  const rec = await readWfdbRecord(path);
  const ann = await readWfdbAnnotations(path, lead);
  const at = (symbol: string) => ann.filter((a) => a.symbol === symbol).map((a) => (a.sample * rate) / 500);
  const data = rec.signals[0]!.data;
  const x = rate === 500 ? data : resampled({ x: data, rate: 500, beats: [], symbols: [] }, rate).x;
  return { marks: at('N'), t: at('t'), peaks: Array.from(detectRPeaks(x, rate)), x };
}

/** Every marked QRS has a detection within 150 ms, and no detection between the marks is off a QRS. */
function expectMarkedBeats(marks: number[], peaks: number[], rate: number): void {
  const tol = 0.15 * rate;
  expect(marks.length).toBeGreaterThan(6);
  for (const m of marks) expect(peaks.some((p) => Math.abs(p - m) <= tol)).toBe(true);
  const inside = peaks.filter((p) => p >= marks[0]! - tol && p <= marks[marks.length - 1]! + tol);
  expect(inside.length).toBe(marks.length);
}

describe('R peaks on a lead with T waves taller than the QRS (LUDB record 64, lead III)', () => {
  it.each([500, 250, 130])('finds every marked QRS and none of the T waves at %i Hz', async (rate) => {
    const { marks, t, peaks } = await run('64iii', 'iii', rate);
    expectMarkedBeats(marks, peaks, rate);
    // The T-wave peaks the annotators marked are not detected.
    for (const tp of t) expect(peaks.some((p) => Math.abs(p - tp) < 0.05 * rate)).toBe(false);
  });
});

describe('R peaks with an extra, QRS-like bump between beats (LUDB record 64, lead III)', () => {
  it('counts the T waves in the noise level, so a bump at half the size of a QRS is no beat', async () => {
    const { marks, x } = await run('64iii', 'iii', 500);
    const w = 25; // 50 ms
    for (let b = 5; b + 1 < marks.length; b++) {
      // A copy of the QRS at half its size, 70 % of the way to the next beat (past the T wave).
      const y = x.slice();
      const m = marks[b]!;
      const at = Math.round(m + 0.7 * (marks[b + 1]! - m));
      for (let i = -w; i <= w; i++) y[at + i]! += 0.5 * (x[m + i]! - x[m - w]!);
      const found = Array.from(detectRPeaks(y, 500));
      expectMarkedBeats(marks, found, 500);
      expect(found.some((p) => Math.abs(p - at) < w)).toBe(false);
    }
  });
});

describe('R peaks on wide QS complexes followed by a slow, noisy ST rise (LUDB record 24, lead V1)', () => {
  it.each([500, 250, 130])('puts every R peak at the QS nadir, not at the end of the upstroke, at %i Hz', async (rate) => {
    const { marks, peaks, x } = await run('24v1', 'v1', rate);
    expectMarkedBeats(marks, peaks, rate);
    // Each detection is the lowest sample within 100 ms of it (the nadir of the QS complex).
    const w = Math.round(0.1 * rate);
    for (const p of peaks.filter((q) => q >= w && q < x.length - w)) {
      const lowest = Math.min(...Array.from(x.subarray(p - w, p + w + 1)));
      expect(x[p]).toBe(lowest);
    }
  });
});
