import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { bandLimit, DEVICE_ERROR, deviceError } from '../../src/training/imu-realism.js';
import { expectedCalibrationError, fitTemperature, fitWorstCaseTemperature, softmaxRows } from '../../src/training/calibration-metrics.js';

const S = 128;

describe('deviceError', () => {
  it('changes the gravity magnitude by up to the scale and bias, the same error for the whole window', () => {
    const rng = createRng(1);
    const mags: number[] = [];
    for (let k = 0; k < 200; k++) {
      const x = new Float32Array(6 * S);
      for (let t = 0; t < S; t++) x[2 * S + t] = 1; // still, gravity on +z, no rotation
      deviceError(x, 6, S, rng);
      const m = Math.hypot(x[0]!, x[S]!, x[2 * S]!);
      expect(Math.hypot(x[S - 1]!, x[2 * S - 1]!, x[3 * S - 1]!)).toBeCloseTo(m, 6); // fixed over the window
      expect(Math.abs(m - 1)).toBeLessThanOrEqual(DEVICE_ERROR.accScale + Math.sqrt(3) * DEVICE_ERROR.accBias + 1e-6);
      expect(Math.abs(x[3 * S]!)).toBeLessThanOrEqual(DEVICE_ERROR.gyroBias * 1.01 + 1e-6);
      mags.push(m);
    }
    // The spread is comparable to the posture-dependent error of a real device (about 2.6 %).
    const sd = Math.sqrt(mags.reduce((a, m) => a + (m - 1) ** 2, 0) / mags.length);
    expect(sd).toBeGreaterThan(0.02);
  });
});

describe('bandLimit', () => {
  it('removes what a 20 Hz device cannot see and keeps slow motion', () => {
    const x = new Float32Array(S);
    const slow = (t: number) => Math.sin((2 * Math.PI * 1.5 * t) / 50);
    for (let t = 0; t < S; t++) x[t] = slow(t) + Math.sin((2 * Math.PI * 20 * t) / 50);
    bandLimit(x, 1, S, 50, 20);
    let err = 0;
    for (let t = 16; t < S - 16; t++) err = Math.max(err, Math.abs(x[t]! - slow(t)));
    expect(err).toBeLessThan(0.15);
    const y = Float32Array.from({ length: S }, (_, t) => Math.sin(t));
    const copy = y.slice();
    bandLimit(y, 1, S, 50, 50);
    expect(y).toEqual(copy);
  });
});

/** Random logits and labels drawn from softmax(logits / truth): a model over-confident by T = truth. */
function overconfident(seed: number, n: number, k: number, truth: number): { logits: Float32Array; y: Uint8Array } {
  const rng = createRng(seed);
  const logits = new Float32Array(n * k);
  const y = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < k; c++) logits[r * k + c] = 3 * rng.normal();
    const p = softmaxRows(logits.subarray(r * k, (r + 1) * k), k, truth);
    let u = rng.next();
    let c = 0;
    while (c < k - 1 && (u -= p[c]!) > 0) c++;
    y[r] = c;
  }
  return { logits, y };
}

describe('temperature scaling and ECE', () => {
  it('finds the temperature that generated the labels, and then the calibration error is small', () => {
    const k = 4;
    const { logits, y } = overconfident(5, 4000, k, 2);
    const t = fitTemperature(logits, k, y);
    expect(t).toBeGreaterThan(1.7);
    expect(t).toBeLessThan(2.3);
    expect(expectedCalibrationError(softmaxRows(logits, k, t), k, y)).toBeLessThan(0.03);
    expect(expectedCalibrationError(softmaxRows(logits, k, 1), k, y)).toBeGreaterThan(0.05);
  });

  it('one temperature for two sets: the worse set is better calibrated than with a pooled NLL fit', () => {
    const k = 4;
    // A large set needing T = 1 and a smaller one needing T = 3: the pooled fit follows the large one.
    const sets = [overconfident(6, 6000, k, 1), overconfident(7, 1500, k, 3)];
    const worst = (t: number) => Math.max(...sets.map((s) => expectedCalibrationError(softmaxRows(s.logits, k, t), k, s.y)));
    const pooled = fitTemperature(
      Float32Array.from([...sets[0]!.logits, ...sets[1]!.logits]),
      k,
      Uint8Array.from([...sets[0]!.y, ...sets[1]!.y]),
    );
    const t = fitWorstCaseTemperature(sets, k);
    expect(t).toBeGreaterThan(pooled);
    expect(t).toBeLessThan(3);
    expect(worst(t)).toBeLessThan(worst(pooled) - 0.01);
    expect(worst(t)).toBeLessThan(Math.min(worst(1), worst(3)));
  });
});
