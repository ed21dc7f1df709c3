import { describe, expect, it } from 'vitest';
import { RunningStats, standardize } from '../../src/dsp/running-stats.js';

describe('RunningStats', () => {
  it('matches the published example: 4, 7, 13, 16 on a large offset has variance 22.5 (30 unbiased)', () => {
    // "Algorithms for calculating variance": the offset breaks the naive sum-of-squares formula.
    const s = new RunningStats(1);
    s.update(Float32Array.of(1e6 + 4, 1e6 + 7, 1e6 + 13, 1e6 + 16));
    expect(s.count).toBe(4);
    expect(s.mean(0)).toBe(1e6 + 10);
    expect(s.variance(0)).toBeCloseTo(22.5, 9);
    expect((s.variance(0) * 4) / 3).toBeCloseTo(30, 9);
  });

  it('keeps channels apart and gives the same statistics for any split of the frames', () => {
    const x = Float32Array.from({ length: 3000 }, (_, i) => Math.sin(i) * (1 + (i % 3)) + (i % 3) * 100);
    const whole = new RunningStats(3);
    whole.update(x);
    const parts = new RunningStats(3);
    parts.update(x, 10);
    parts.update(x, 333, 10);
    parts.update(x, undefined, 343);
    for (let c = 0; c < 3; c++) {
      const ch = Array.from({ length: 1000 }, (_, i) => x[3 * i + c]!);
      const mean = ch.reduce((a, v) => a + v, 0) / 1000;
      const variance = ch.reduce((a, v) => a + (v - mean) ** 2, 0) / 1000;
      expect(whole.mean(c)).toBeCloseTo(mean, 9);
      expect(whole.variance(c)).toBeCloseTo(variance, 9);
      expect(parts.mean(c)).toBeCloseTo(mean, 9);
      expect(parts.variance(c)).toBeCloseTo(variance, 9);
    }
  });

  it('standardize() is causal: frame i uses the statistics of frames 0..i', () => {
    const x = Float32Array.from({ length: 50 }, (_, i) => Math.cos(i * 0.7) * 3 + 5);
    const out = new Float32Array(50);
    new RunningStats(1).standardize(x, out, 1e-6);
    expect(out[0]).toBe(0);
    for (let i = 1; i < 50; i++) {
      const pre = Array.from(x.subarray(0, i + 1));
      const mean = pre.reduce((a, v) => a + v, 0) / pre.length;
      const std = Math.sqrt(pre.reduce((a, v) => a + (v - mean) ** 2, 0) / pre.length);
      expect(out[i]).toBeCloseTo((x[i]! - mean) / std, 5);
    }
  });
});

describe('standardize', () => {
  it('gives each channel zero mean and unit standard deviation, and maps a flat channel to 0', () => {
    const x = Float32Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? Math.sin(i) * 4 + 7 : 2.5));
    const out = new Float32Array(200);
    standardize(x, out, 2, 1e-6);
    const ch0 = Array.from({ length: 100 }, (_, i) => out[2 * i]!);
    const mean = ch0.reduce((a, v) => a + v, 0) / 100;
    expect(mean).toBeCloseTo(0, 6);
    expect(ch0.reduce((a, v) => a + (v - mean) ** 2, 0) / 100).toBeCloseTo(1, 5);
    for (let i = 0; i < 100; i++) expect(out[2 * i + 1]).toBe(0);
  });
});
