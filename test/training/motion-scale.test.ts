import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { applyRealism } from '../../src/training/imu-realism.js';
import { runTraining } from '../../src/training/run.js';
import { RUN_DEFAULTS } from '../../src/training/run-options.js';
import { checkMotionScale, checkTimeScale, randomMotionScale, scaleMotion, scaleTime } from '../../src/training/motion-scale.js';
import { moving, S } from './moving-window.js';

const mean = (x: Float32Array, c: number) => x.subarray(c * S, (c + 1) * S).reduce((a, v) => a + v, 0) / S;
const rmsAbout = (x: Float32Array, c: number, m: number) =>
  Math.sqrt(x.subarray(c * S, (c + 1) * S).reduce((a, v) => a + (v - m) ** 2, 0) / S);

describe('scaleMotion', () => {
  it('leaves a still window unchanged', () => {
    const x = new Float32Array(6 * S);
    for (let t = 0; t < S; t++) {
      x[t] = 0.6;
      x[S + t] = -0.8;
    }
    const copy = x.slice();
    scaleMotion(x, 6, S, 2.7);
    expect(x).toEqual(copy);
  });

  it('keeps the mean acceleration and scales the dynamic acceleration and the whole rotation rate by f', () => {
    for (const f of [0.5, 1.7]) {
      const x = moving(3);
      const before = x.slice();
      scaleMotion(x, 6, S, f);
      for (let c = 0; c < 3; c++) {
        const m = mean(before, c);
        expect(mean(x, c)).toBeCloseTo(m, 5);
        expect(rmsAbout(x, c, m) / rmsAbout(before, c, m)).toBeCloseTo(f, 4);
      }
      for (let c = 3; c < 6; c++) for (let t = 0; t < S; t += 17) expect(x[c * S + t]).toBeCloseTo(f * before[c * S + t]!, 5);
    }
  });

  it('handles accelerometer-only windows', () => {
    const x = moving(4).slice(0, 3 * S);
    const before = x.slice();
    scaleMotion(x, 3, S, 2);
    expect(x.length).toBe(3 * S);
    expect(rmsAbout(x, 1, mean(before, 1)) / rmsAbout(before, 1, mean(before, 1))).toBeCloseTo(2, 4);
  });
});

describe('randomMotionScale', () => {
  it('draws factors log-uniform in [1/S, S], the same ones for the same seed', () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 400 }, () => randomMotionScale(moving(1), 6, S, 2, rng));
    };
    const a = draw(5);
    expect(draw(5)).toEqual(a);
    expect(draw(6)).not.toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...a)).toBeLessThanOrEqual(2);
    expect(Math.min(...a)).toBeLessThan(0.55);
    expect(Math.max(...a)).toBeGreaterThan(1.8);
    // log-uniform: as many factors below 1 as above, mean log near 0
    const logs = a.map(Math.log);
    expect(Math.abs(logs.reduce((s, v) => s + v, 0) / a.length)).toBeLessThan(0.08);
  });

  it('rejects a range below 1 or not finite with E_ARGUMENT', () => {
    for (const s of [0.9, 0, -2, NaN, Infinity]) expect(() => checkMotionScale(s)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => checkMotionScale(1)).not.toThrow();
  });
});

describe('applyRealism with motionScale', () => {
  it('is reproducible per seed and changes nothing of the draws when off', () => {
    const run = (seed: number, motionScale?: number) => {
      const x = moving(2);
      applyRealism(x, 6, S, 50, createRng(seed), { deviceError: true, lowRate: 0.5, ...(motionScale ? { motionScale } : {}) });
      return x;
    };
    expect(run(7, 2)).toEqual(run(7, 2));
    expect(run(7, 2)).not.toEqual(run(7));
    expect(run(7, 1)).toEqual(run(7)); // S = 1: no draw, the same windows as without it
    const jittered = (seed: number) => {
      const x = moving(2);
      applyRealism(x, 6, S, 50, createRng(seed), { deviceError: true, lowRate: 0.5, motionScale: 2, timeScale: 0.15 });
      return x;
    };
    expect(jittered(7)).toEqual(jittered(7));
    expect(jittered(7)).not.toEqual(run(7, 2));
  });

  it('scales the motion before the sensor error, so the dynamic amplitude follows f', () => {
    const ratios: number[] = [];
    for (let k = 0; k < 50; k++) {
      const x = moving(k);
      const before = x.slice();
      applyRealism(x, 6, S, 50, createRng(100 + k), { deviceError: false, lowRate: 0, motionScale: 3 });
      ratios.push(rmsAbout(x, 3, 0) / rmsAbout(before, 3, 0));
    }
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(1 / 3 - 1e-4);
    expect(Math.max(...ratios)).toBeLessThanOrEqual(3 + 1e-4);
    expect(Math.max(...ratios) / Math.min(...ratios)).toBeGreaterThan(4);
  });
});

describe('scaleTime', () => {
  it('turns a sinusoid of frequency F into one of frequency r·F about the centre, amplitude kept', () => {
    const c = (S - 1) / 2;
    for (const r of [0.85, 1.15]) {
      const x = new Float32Array(2 * S);
      for (let t = 0; t < S; t++) {
        x[t] = Math.sin((2 * Math.PI * 2 * (t - c)) / 50);
        x[S + t] = 0.4;
      }
      scaleTime(x, 2, S, r, new Float32Array(S));
      let err = 0;
      // where the source position lies inside the window (beyond it, the edges are mirrored)
      for (let t = 0; t < S; t++)
        if (Math.abs(t - c) * r <= c) err = Math.max(err, Math.abs(x[t]! - Math.sin((2 * Math.PI * 2 * r * (t - c)) / 50)));
      expect(err).toBeLessThan(0.02); // linear interpolation of a 2 Hz sine at 50 Hz
      expect(Math.max(...x.subarray(S))).toBeCloseTo(0.4, 6);
      expect(Math.min(...x.subarray(S))).toBeCloseTo(0.4, 6);
    }
  });

  it('changes nothing at r = 1 and keeps a still window', () => {
    const x = moving(9);
    const copy = x.slice();
    scaleTime(x, 6, S, 1, new Float32Array(S));
    expect(x).toEqual(copy);
  });

  it('mirrors positions beyond the edges instead of repeating the edge sample', () => {
    const x = Float32Array.from({ length: S }, (_, t) => t);
    scaleTime(x, 1, S, 1.1, new Float32Array(S));
    // x'(0) = x(c − 1.1 c) = x(−0.1 c) → mirrored to x(0.1 c)
    expect(x[0]).toBeCloseTo(0.1 * ((S - 1) / 2), 4);
    expect(x[S - 1]).toBeCloseTo(S - 1 - 0.1 * ((S - 1) / 2), 4);
  });

  it('rejects a jitter outside [0, 0.5) with E_ARGUMENT', () => {
    for (const j of [-0.1, 0.5, NaN]) expect(() => checkTimeScale(j)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    expect(() => checkTimeScale(0.15)).not.toThrow();
  });
});

describe('runTraining with the amplitude and cadence options', () => {
  it('rejects a bad range, a missing realism or motion scale with E_ARGUMENT before reading any data', async () => {
    const o = {
      ...RUN_DEFAULTS,
      task: 'imu' as const,
      dataDir: join(tmpdir(), 'scl-wear-no-data'),
      outDir: join(tmpdir(), 'scl-wear-no-data', 'out'),
      realism: true,
    };
    for (const [bad, argument] of [
      [{ motionScale: 0.5 }, 'motionScale'],
      [{ motionScale: NaN }, 'motionScale'],
      [{ motionScale: 2, realism: false }, 'motionScale'],
      [{ motionAnisotropy: 2 }, 'motionAnisotropy'],
      [{ motionScale: 6, motionAnisotropy: 0.5 }, 'motionAnisotropy'],
      [{ motionScale: 6, motionAnisotropy: NaN }, 'motionAnisotropy'],
      [{ timeScale: 0.6 }, 'timeScale'],
      [{ timeScale: 0.1, realism: false }, 'timeScale'],
    ] as const)
      await expect(runTraining({ ...o, ...bad })).rejects.toMatchObject({ code: 'E_ARGUMENT', details: { argument } });
  });
});
