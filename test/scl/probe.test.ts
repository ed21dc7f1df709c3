import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { linearProbe, linearProbeAccuracy, pairFeatures } from '../../src/scl/probe.js';
import { createRng } from '../../src/core/random.js';

const rows = 400;
const dim = 3;
const rng = createRng(17);
const features = Float64Array.from({ length: rows * dim }, () => rng.normal());
const isTrain = Uint8Array.from({ length: rows }, (_, i) => (i % 4 === 0 ? 0 : 1));

describe('linearProbe', () => {
  it('recovers an exact linear map (R² = 1) and its weights', () => {
    const y = Float64Array.from({ length: rows }, (_, i) => 2 * features[i * 3]! - features[i * 3 + 2]! + 0.5);
    const r = linearProbe({ features, rows, dim, isTrain, lambda: 0 }, y);
    expect(r.r2).toBeCloseTo(1, 9);
    expect(r.rmse).toBeCloseTo(0, 9);
    expect(Array.from(r.weights).map((v) => +v.toFixed(9))).toEqual([2, 0, -1, 0.5]);
  });

  it('explains the known share of variance when noise is added', () => {
    // y = x0 + noise of variance 1: the best possible R² is 1/2.
    const y = Float64Array.from({ length: rows }, (_, i) => features[i * 3]! + rng.normal());
    expect(linearProbe({ features, rows, dim, isTrain }, y).r2).toBeGreaterThan(0.3);
    expect(linearProbe({ features, rows, dim, isTrain }, y).r2).toBeLessThan(0.7);
    // Features unrelated to the target explain nothing on held-out rows.
    const noise = Float64Array.from({ length: rows }, () => rng.normal());
    expect(linearProbe({ features, rows, dim, isTrain }, noise).r2).toBeLessThan(0.05);
  });

  it('fits several outputs at once and rejects an empty split', () => {
    const y = Float64Array.from({ length: rows * 2 }, (_, k) => (k % 2 ? -3 * features[(k >> 1) * 3 + 1]! : features[(k >> 1) * 3 + 2]!));
    expect(linearProbe({ features, rows, dim, isTrain, lambda: 0 }, y, 2).r2).toBeCloseTo(1, 9);
    expect(() => linearProbe({ features, rows, dim, isTrain: new Uint8Array(rows) }, y, 2)).toThrow(InputError);
  });
});

describe('linearProbeAccuracy', () => {
  it('separates classes that are linearly separable and not noise labels', () => {
    const labels = Uint8Array.from({ length: rows }, (_, i) => (features[i * 3]! > 0.5 ? 2 : features[i * 3]! > -0.5 ? 1 : 0));
    // One-vs-rest least squares on three ordered slabs: the middle class is the hard one.
    expect(linearProbeAccuracy({ features, rows, dim, isTrain }, labels, 3)).toBeGreaterThan(0.6);
    const easy = Uint8Array.from({ length: rows }, (_, i) => (features[i * 3 + 1]! > 0 ? 1 : 0));
    expect(linearProbeAccuracy({ features, rows, dim, isTrain }, easy, 2)).toBeGreaterThan(0.95);
    const random = Uint8Array.from({ length: rows }, () => rng.int(2));
    expect(linearProbeAccuracy({ features, rows, dim, isTrain }, random, 2)).toBeLessThan(0.65);
  });
});

describe('pairFeatures', () => {
  it('gives products and squared differences of unit-scaled slices: sums are cos and 2 − 2cos', () => {
    const a = [9, 3, 0, 4, 7];
    const b = [5, -1, 0, 2, 1, 8];
    const out = new Float64Array(8);
    pairFeatures(a, 1, b, 2, 3, out, 1); // slices [3, 0, 4] and [0, 2, 1]
    const cos = (3 * 0 + 0 * 2 + 4 * 1) / (5 * Math.sqrt(5));
    expect(out[0]).toBe(0);
    expect(out[1]! + out[2]! + out[3]!).toBeCloseTo(cos, 12);
    expect(out[4]! + out[5]! + out[6]!).toBeCloseTo(2 - 2 * cos, 12);
    expect(out[1]).toBeCloseTo(0, 12);
    expect(out[3]).toBeCloseTo((4 / 5) * (1 / Math.sqrt(5)), 12);
    // Scale-free: multiplying a slice changes nothing.
    const again = new Float64Array(8);
    pairFeatures(
      a.map((v) => 10 * v),
      1,
      b,
      2,
      3,
      again,
      1,
    );
    for (let k = 0; k < 8; k++) expect(again[k]).toBeCloseTo(out[k]!, 12);
  });
});
