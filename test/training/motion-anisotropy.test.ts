import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { applyRealism } from '../../src/training/imu-realism.js';
import { checkMotionAnisotropy, randomMotionScale, scaleMotion } from '../../src/training/motion-scale.js';
import { moving, S } from './moving-window.js';

/** Mean acceleration of a window (3 values). */
const accMean = (x: Float32Array) => [0, 1, 2].map((c) => x.subarray(c * S, (c + 1) * S).reduce((a, v) => a + v, 0) / S);

/** RMS of the dynamic acceleration about `m`, along the direction of `m` and perpendicular to it. */
function split(x: Float32Array, m: number[]): { along: number; across: number } {
  const n = Math.hypot(...m);
  const g = m.map((v) => v / n);
  let along = 0;
  let across = 0;
  for (let t = 0; t < S; t++) {
    const d = [0, 1, 2].map((c) => x[c * S + t]! - m[c]!);
    const p = d[0]! * g[0]! + d[1]! * g[1]! + d[2]! * g[2]!;
    along += p * p;
    across += d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2 - p * p;
  }
  return { along: Math.sqrt(along / S), across: Math.sqrt(across / S) };
}

describe('scaleMotion with an anisotropy factor', () => {
  it('keeps the mean, scales the dynamic part by f·u along the mean direction and f/u across it, the gyro by f', () => {
    for (const [f, u] of [
      [1, 2],
      [0.4, 0.6],
      [3, 1.7],
    ] as const) {
      const x = moving(11);
      const before = x.slice();
      const m = accMean(before);
      scaleMotion(x, 6, S, f, u);
      const after = accMean(x);
      for (let c = 0; c < 3; c++) expect(after[c]).toBeCloseTo(m[c]!, 5);
      const a = split(before, m);
      const b = split(x, m);
      expect(b.along / a.along).toBeCloseTo(f * u, 4);
      expect(b.across / a.across).toBeCloseTo(f / u, 4);
      for (let i = 3 * S; i < 6 * S; i += 13) expect(x[i]).toBeCloseTo(f * before[i]!, 5);
    }
  });

  it('leaves a still window unchanged', () => {
    const x = new Float32Array(6 * S);
    x.fill(0.6, 0, S);
    x.fill(-0.8, S, 2 * S);
    const copy = x.slice();
    scaleMotion(x, 6, S, 2.5, 3);
    expect(x).toEqual(copy);
  });

  it('gives, at u = 1, exactly the isotropic a → ḡ + f·(a − ḡ)', () => {
    const x = moving(12);
    const m = accMean(x);
    const expected = Float32Array.from(x, (v, i) => (i < 3 * S ? m[Math.floor(i / S)]! + 1.9 * (v - m[Math.floor(i / S)]!) : 1.9 * v));
    scaleMotion(x, 6, S, 1.9, 1);
    expect(x).toEqual(expected);
  });

  it('handles accelerometer-only windows', () => {
    const x = moving(13).slice(0, 3 * S);
    const m = accMean(x);
    const a = split(x, m);
    scaleMotion(x, 3, S, 1, 2);
    expect(x.length).toBe(3 * S);
    expect(split(x, m).along / a.along).toBeCloseTo(2, 4);
  });
});

describe('randomMotionScale with an anisotropy range', () => {
  const draw = (seed: number, s: number, a: number) => {
    const rng = createRng(seed);
    return Array.from({ length: 300 }, (_, k) => {
      const x = moving(k);
      const m = accMean(x);
      const before = split(x, m);
      randomMotionScale(x, 6, S, s, rng, a);
      const after = split(x, m);
      const along = after.along / before.along;
      const across = after.across / before.across;
      return { f: Math.sqrt(along * across), u: Math.sqrt(along / across), x };
    });
  };

  it('draws u log-uniform in [1/A, A] and f as before, the same ones for the same seed', () => {
    const a = draw(5, 6, 2);
    const us = a.map((d) => d.u);
    expect(Math.min(...us)).toBeGreaterThanOrEqual(0.5 - 1e-4);
    expect(Math.max(...us)).toBeLessThanOrEqual(2 + 1e-4);
    expect(Math.min(...us)).toBeLessThan(0.55);
    expect(Math.max(...us)).toBeGreaterThan(1.8);
    expect(Math.abs(us.reduce((t, v) => t + Math.log(v), 0) / us.length)).toBeLessThan(0.1);
    const fs = a.map((d) => d.f);
    expect(Math.min(...fs)).toBeGreaterThanOrEqual(1 / 6 - 1e-4);
    expect(Math.max(...fs)).toBeLessThanOrEqual(6 + 1e-4);
    expect(Math.max(...fs)).toBeGreaterThan(4);
    expect(draw(5, 6, 2).map((d) => d.x)).toEqual(a.map((d) => d.x));
    expect(draw(6, 6, 2).map((d) => d.x)).not.toEqual(a.map((d) => d.x));
  });

  it('at A = 1 draws nothing more: one draw, f = exp((2r − 1)·ln S), the isotropic window', () => {
    const x = moving(3);
    const y = moving(3);
    const rng = createRng(9);
    const reference = createRng(9);
    const f = randomMotionScale(x, 6, S, 4, rng, 1);
    expect(f).toBe(Math.exp((2 * reference.next() - 1) * Math.log(4)));
    scaleMotion(y, 6, S, f);
    expect(x).toEqual(y);
    expect(rng.next()).toBe(reference.next()); // the generator is where one draw leaves it
    expect(draw(5, 4, 1).every((d) => Math.abs(d.u - 1) < 1e-4)).toBe(true);
  });
});

describe('applyRealism with motionAnisotropy', () => {
  const run = (seed: number, motionAnisotropy?: number) => {
    const x = moving(2);
    applyRealism(x, 6, S, 50, createRng(seed), {
      deviceError: true,
      lowRate: 0.5,
      motionScale: 6,
      ...(motionAnisotropy ? { motionAnisotropy } : {}),
    });
    return x;
  };

  it('is reproducible per seed, and A = 1 gives the bytes of the isotropic scaling', () => {
    expect(run(7, 2)).toEqual(run(7, 2));
    expect(run(7, 2)).not.toEqual(run(7));
    expect(run(7, 1)).toEqual(run(7));
  });

  it('is rejected below 1 or not finite with E_ARGUMENT', () => {
    for (const a of [0.9, 0, -2, NaN, Infinity])
      expect(() => checkMotionAnisotropy(a)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => checkMotionAnisotropy(1)).not.toThrow();
  });
});
