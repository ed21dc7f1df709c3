import { describe, expect, it } from 'vitest';
import { TrainingError } from '../../src/errors.js';
import { createRng } from '../../src/core/random.js';
import { ecgPhase, ecgTask, ecgWindowIndex } from '../../src/training/ecg-task.js';
import { noiseRecord as record } from './noise-record.js';

function corr(a: Float32Array, b: Float32Array): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (a[i]! - ma) * (b[i]! - mb);
    aa += (a[i]! - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('ecgTask', () => {
  const recs = [record('a', 1), record('b', 2)];
  const length = 300;

  it('pairs each window with the same record cut 0..one cycle later (a real offset)', () => {
    const task = ecgTask(recs, { length, hop: 100, negatives: 'record' });
    const ids = Array.from({ length: 16 }, (_, i) => (i * 7) % task.count);
    const b = task.makeBatch(ids, createRng(3), 'scl');
    const shifts: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const x1 = b.x1.subarray(i * length, (i + 1) * length);
      const x2 = b.x2!.subarray(i * length, (i + 1) * length);
      // Find the offset s where x2 starts: x1[s..] must equal x2[..L−s] up to the z-score.
      let found = -1;
      for (let s = 0; s <= 100 && found < 0; s++) if (corr(x1.subarray(s), x2.subarray(0, length - s)) > 0.9999) found = s;
      expect(found).toBeGreaterThanOrEqual(0);
      shifts.push(found);
      // New signal entered at the end: not a roll of x1.
      if (found > 0) expect(Math.abs(corr(x1.subarray(0, found), x2.subarray(length - found)))).toBeLessThan(0.9);
    }
    expect(new Set(shifts).size).toBeGreaterThan(5);
    expect(Array.from(b.negatives!)).toEqual(ids.map((w) => (w < task.count / 2 ? 0 : 1)));
  });

  it('is deterministic for a seed and z-scores every window', () => {
    const task = ecgTask(recs, { length, hop: 100 });
    const a = task.makeBatch([0, 5, 9], createRng(8), 'aug');
    const b = task.makeBatch([0, 5, 9], createRng(8), 'aug');
    expect(a.x1).toEqual(b.x1);
    expect(a.x2).toBeUndefined();
    const w = a.x1.subarray(0, length);
    expect(w.reduce((s, v) => s + v, 0) / length).toBeCloseTo(0, 4);
    expect(w.reduce((s, v) => s + v * v, 0) / length).toBeCloseTo(1, 3);
  });

  it('gives each view its cardiac phase as (cos, sin), a shift turning it by shift / RR', () => {
    expect(ecgPhase(recs[0]!, 75)).toBeCloseTo(0.25, 12);
    expect(Number.isNaN(ecgPhase(recs[0]!, 10))).toBe(true); // before the first beat
    const task = ecgTask(recs, { length, hop: 100 });
    const ids = Array.from({ length: 12 }, (_, i) => (i * 5) % task.count);
    const b = task.makeBatch(ids, createRng(4), 'scl');
    const n = ids.length;
    expect(Array.from(b.phaseMask!)).toEqual(new Array(2 * n).fill(1));
    for (let i = 0; i < n; i++) {
      const x1 = b.x1.subarray(i * length, (i + 1) * length);
      const x2 = b.x2!.subarray(i * length, (i + 1) * length);
      let shift = -1;
      for (let s = 0; s <= 100 && shift < 0; s++) if (corr(x1.subarray(s), x2.subarray(0, length - s)) > 0.9999) shift = s;
      const a1 = Math.atan2(b.phase![2 * i + 1]!, b.phase![2 * i]!);
      const a2 = Math.atan2(b.phase![2 * (n + i) + 1]!, b.phase![2 * (n + i)]!);
      const turn = ((((a2 - a1) / (2 * Math.PI)) % 1) + 1) % 1;
      expect(Math.min(turn, 1 - turn)).toBeCloseTo(Math.min(shift / 100, 1 - shift / 100) % 1, 4);
    }
  });

  it('leaves room for a whole cycle after the last window and fails on too-short records', () => {
    const idx = ecgWindowIndex(recs, length, 100);
    const last = idx.start[idx.start.length - 1]!;
    expect(last + length + 200).toBeLessThanOrEqual(4000);
    expect(() => ecgWindowIndex([record('c', 3, 500)], length, 100)).toThrow(TrainingError);
  });
});
