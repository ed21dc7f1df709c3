import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { applyRealism } from '../../src/training/imu-realism.js';
import { runTraining } from '../../src/training/run.js';
import { RUN_DEFAULTS } from '../../src/training/run-options.js';
import { checkSwing, drawSwing, dynamicAcceleration, SWING_MIN_MOTION, swingWindow, type SwingDraw } from '../../src/training/swing.js';

const S = 128;
const RATE = 50;
const G = [0.2, -0.3, 0.93];

/** A walking-like window: gravity plus 0.3 g of body acceleration, gyro swinging, or zero when `still` gyro. */
function moving(seed: number, gyro = true): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(6 * S);
  for (let c = 0; c < 6; c++) {
    const phase = 2 * Math.PI * rng.next();
    for (let t = 0; t < S; t++)
      x[c * S + t] =
        c < 3 ? G[c]! + 0.3 * Math.sin((2 * Math.PI * 1.8 * t) / RATE + phase) : gyro ? Math.sin((2 * Math.PI * t) / RATE + phase) : 0;
  }
  return x;
}

/** A still window: gravity plus 0.01 g of noise, gyro noise. */
function still(seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: 6 * S }, (_, i) => (i < 3 * S ? G[Math.floor(i / S)]! : 0) + 0.01 * rng.normal());
}

const vec = (x: Float32Array, triad: number, t: number) => [0, 1, 2].map((k) => x[(3 * triad + k) * S + t]!);
const dot = (a: number[], b: readonly number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
const cross = (a: number[], b: number[]) => [a[1]! * b[2]! - a[2]! * b[1]!, a[2]! * b[0]! - a[0]! * b[2]!, a[0]! * b[1]! - a[1]! * b[0]!];

/** The first swing drawn for `x` over seeds 1, 2, …, with its seed. */
function firstSwing(x: Float32Array, maxDeg: number): [SwingDraw, number] {
  for (let seed = 1; ; seed++) {
    const s = drawSwing(x, S, maxDeg, createRng(seed));
    if (s) return [s, seed];
  }
}

describe('drawSwing', () => {
  it('leaves a still window alone and draws nothing for it', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const x = still(seed);
      expect(dynamicAcceleration(x, S)).toBeLessThan(SWING_MIN_MOTION);
      const rng = createRng(seed);
      expect(drawSwing(x, S, 45, rng)).toBeUndefined();
      expect(rng.next()).toBe(createRng(seed).next());
      const copy = x.slice();
      applyRealism(x, 6, S, RATE, createRng(seed), { deviceError: false, lowRate: 0, swing: 45 });
      expect(x).toEqual(copy);
    }
  });

  it('swings half of the moving windows, about an axis perpendicular to the mean acceleration, within the bounds', () => {
    const x = moving(1);
    const g = [0, 1, 2].map((c) => x.subarray(c * S, (c + 1) * S).reduce((a, v) => a + v, 0) / S);
    const rng = createRng(3);
    const draws = Array.from({ length: 600 }, () => drawSwing(x, S, 30, rng)).filter((s) => s !== undefined);
    expect(draws.length).toBeGreaterThan(250);
    expect(draws.length).toBeLessThan(350);
    for (const s of draws) {
      expect(Math.hypot(...s.axis)).toBeCloseTo(1, 9);
      expect(dot(g, s.axis)).toBeCloseTo(0, 6);
      expect(s.amplitude).toBeGreaterThanOrEqual(0);
      expect(s.amplitude).toBeLessThanOrEqual((30 * Math.PI) / 180);
      expect(s.frequency).toBeGreaterThanOrEqual(0.7);
      expect(s.frequency).toBeLessThanOrEqual(1.2);
    }
    const amps = draws.map((s) => (s.amplitude * 180) / Math.PI);
    expect(Math.max(...amps)).toBeGreaterThan(27);
    expect(Math.min(...amps)).toBeLessThan(3);
    // axes spread around the horizontal circle, not one direction
    const mean = [0, 1, 2].map((k) => draws.reduce((a, s) => a + s.axis[k]!, 0) / draws.length);
    expect(Math.hypot(mean[0]!, mean[1]!, mean[2]!)).toBeLessThan(0.15);
  });

  it('is reproducible per seed', () => {
    const run = (seed: number) => {
      const x = moving(2);
      applyRealism(x, 6, S, RATE, createRng(seed), { deviceError: true, lowRate: 0.5, motionScale: 6, swing: 30 });
      return x;
    };
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });

  it('rejects a bound outside [0, 90] degrees with E_ARGUMENT', () => {
    for (const d of [-1, 90.5, NaN, Infinity]) expect(() => checkSwing(d)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    for (const d of [0, 30, 90]) expect(() => checkSwing(d)).not.toThrow();
  });
});

describe('swingWindow', () => {
  const swing: SwingDraw = { axis: [0, 0, 1], amplitude: (30 * Math.PI) / 180, frequency: 1, phase: 0.4 };
  const theta = (t: number) => swing.amplitude * Math.sin((2 * Math.PI * swing.frequency * t) / RATE + swing.phase);

  it('keeps |a(t)| and |ω(t)| sample by sample', () => {
    const [s] = firstSwing(moving(4), 45);
    const x = moving(4);
    const before = x.slice();
    swingWindow(x, 6, S, RATE, { ...s, amplitude: (45 * Math.PI) / 180 });
    expect(x).not.toEqual(before);
    for (let t = 0; t < S; t++) {
      const a = Math.hypot(...vec(before, 0, t));
      expect(Math.hypot(...vec(x, 0, t))).toBeCloseTo(a, 5);
    }
  });

  it('turns a gravity perpendicular to the axis by −θ(t), so gravity leaks into the other axes with the swing', () => {
    const x = new Float32Array(3 * S);
    x.fill(1, 0, S); // 1 g along x, axis z
    swingWindow(x, 3, S, RATE, swing);
    for (let t = 0; t < S; t += 5) {
      expect(x[t]).toBeCloseTo(Math.cos(theta(t)), 6);
      expect(x[S + t]).toBeCloseTo(-Math.sin(theta(t)), 6);
      expect(x[2 * S + t]).toBeCloseTo(0, 6);
    }
  });

  it('adds exactly θ′(t) along the axis to a gyroscope that read zero, matching the turn of gravity', () => {
    const x = moving(5, false);
    const [s] = firstSwing(x, 30);
    swingWindow(x, 6, S, RATE, s);
    const w = 2 * Math.PI * s.frequency;
    for (let t = 0; t < S; t++) {
      const rate = s.amplitude * w * Math.cos((w * t) / RATE + s.phase);
      const gyro = vec(x, 1, t);
      for (let k = 0; k < 3; k++) expect(gyro[k]).toBeCloseTo(rate * s.axis[k]!, 5);
    }
    // physics check: the integrated rate about u equals the turn of the (constant) gravity seen by the device
    const y = new Float32Array(6 * S);
    for (let c = 0; c < 3; c++) y.fill(G[c]!, c * S, (c + 1) * S);
    swingWindow(y, 6, S, RATE, s);
    let integral = 0;
    for (let t = 1; t < S; t++) {
      integral += (dot(vec(y, 1, t - 1), s.axis) + dot(vec(y, 1, t), s.axis)) / (2 * RATE);
      const a0 = vec(y, 0, 0);
      const at = vec(y, 0, t);
      const turned = Math.atan2(dot(cross(a0, at), s.axis), dot(a0, at)); // signed angle about u
      expect(-turned).toBeCloseTo(integral, 3);
    }
  });

  it('changes only the accelerometer of a 3-channel window', () => {
    const x = moving(6).slice(0, 3 * S);
    const before = x.slice();
    swingWindow(x, 3, S, RATE, swing);
    expect(x.length).toBe(3 * S);
    expect(x).not.toEqual(before);
  });
});

describe('applyRealism with swing', () => {
  it('is off by default: absent or 0 gives the same windows and draws as before', () => {
    const run = (swing?: number) => {
      const x = moving(7);
      const rng = createRng(21);
      applyRealism(x, 6, S, RATE, rng, { deviceError: true, lowRate: 0.5, motionScale: 6, ...(swing !== undefined ? { swing } : {}) });
      return [...x, rng.next()];
    };
    expect(run(0)).toEqual(run());
    const swung = [1, 2, 3, 4, 5, 6].map((seed) => {
      const x = moving(7);
      const y = moving(7);
      applyRealism(x, 6, S, RATE, createRng(seed), { deviceError: false, lowRate: 0, swing: 30 });
      return x.some((v, i) => v !== y[i]);
    });
    expect(swung).toContain(true);
  });

  it('rejects a bad bound or a missing realism in runTraining with E_ARGUMENT before reading any data', async () => {
    const dir = join(tmpdir(), 'scl-wear-no-data');
    const o = { ...RUN_DEFAULTS, task: 'imu' as const, dataDir: dir, outDir: join(dir, 'out'), realism: true };
    for (const bad of [{ swing: 120 }, { swing: NaN }, { swing: -5 }, { swing: 30, realism: false }])
      await expect(runTraining({ ...o, ...bad })).rejects.toMatchObject({ code: 'E_ARGUMENT', details: { argument: 'swing' } });
  });
});
