import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import type { EcgRecord } from '../../src/training/ecg-data.js';
import { distantStart, ecgPhase, ecgTask } from '../../src/training/ecg-task.js';
import { noiseRecord as record } from './noise-record.js';

// Where a z-scored window was cut: the record and first sample whose samples it matches exactly.
function locate(recs: readonly EcgRecord[], w: Float32Array): [number, number] {
  const n = w.length;
  for (let r = 0; r < recs.length; r++) {
    const s = recs[r]!.signal;
    for (let p = 0; p + n <= s.length; p++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += s[p + i]!;
      m /= n;
      let sd = 0;
      for (let i = 0; i < n; i++) sd += (s[p + i]! - m) ** 2;
      sd = Math.sqrt(sd / n);
      let ok = true;
      for (let i = 0; i < 8 && ok; i++) ok = Math.abs((s[p + i]! - m) / sd - w[i]!) < 1e-3;
      if (ok) return [r, p];
    }
  }
  return [-1, -1];
}

describe('ecgTask record positives', () => {
  const length = 200;
  const recs = [record('a', 1, 20_000), record('b', 2, 20_000)];

  it('cuts the positive from the same record at least 60 s away, with its own phase and other-record negatives', () => {
    const task = ecgTask(recs, { length, hop: 100, negatives: 'all', positives: 'record' });
    const ids = Array.from({ length: 10 }, (_, i) => (i * 37) % task.count);
    const b = task.makeBatch(ids, createRng(5), 'scl');
    const n = ids.length;
    const gaps: number[] = [];
    for (let i = 0; i < n; i++) {
      const [r1, p1] = locate(recs, b.x1.subarray(i * length, (i + 1) * length));
      const [r2, p2] = locate(recs, b.x2!.subarray(i * length, (i + 1) * length));
      expect(r1).toBeGreaterThanOrEqual(0);
      expect(r2).toBe(r1);
      // x2 starts ≥ 6000 samples from x1's start, then moves on by a shift of at most one cycle (100).
      expect(Math.abs(p2 - p1)).toBeGreaterThanOrEqual(6000 - 100);
      gaps.push(p2 - p1);
      const phi = ecgPhase(recs[r2]!, p2);
      expect(b.phase![2 * (n + i)]!).toBeCloseTo(Math.cos(2 * Math.PI * phi), 5);
      expect(b.phase![2 * (n + i) + 1]!).toBeCloseTo(Math.sin(2 * Math.PI * phi), 5);
      expect(b.negatives![i]).toBe(r1);
    }
    expect(gaps.some((g) => g > 0) && gaps.some((g) => g < 0)).toBe(true);
  });

  it('leaves the default (shift) positives as they were', () => {
    const task = ecgTask(recs, { length, hop: 100 });
    const ids = [0, 40, 90, 150];
    const a = task.makeBatch(ids, createRng(9), 'scl');
    const b = ecgTask(recs, { length, hop: 100, positives: 'shift' }).makeBatch(ids, createRng(9), 'scl');
    const c = ecgTask(recs, { length, hop: 100, positives: 'record' }).makeBatch(ids, createRng(9), 'scl');
    expect(b).toEqual(a);
    expect(Array.from(a.negatives!)).toEqual([0, 1, 2, 3]);
    // Same first window (the record positive draws more random numbers, so later windows move).
    expect(c.x1.subarray(0, length)).toEqual(a.x1.subarray(0, length));
    expect(c.x2!.subarray(0, length)).not.toEqual(a.x2!.subarray(0, length));
  });

  it('takes the farthest start when the record is shorter than the gap', () => {
    const rng = createRng(1);
    expect(distantStart(rng, 300, 200, 3500, 6000)).toBe(3500);
    expect(distantStart(rng, 3000, 200, 3500, 6000)).toBe(200);
    for (let k = 0; k < 200; k++) {
      const s = distantStart(rng, 5000, 200, 12_000, 6000);
      expect(s >= 11_000 && s <= 12_000).toBe(true);
    }
  });
});
