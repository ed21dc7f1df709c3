// PlacementDetector: the walking swing tells a trouser pocket from the waist, rotation invariant,
// from real excerpts (test/fixtures/placement, see ATTRIBUTION.md).
import { describe, expect, it } from 'vitest';
import { randomRotation } from '../../src/core/rotation.js';
import { createRng } from '../../src/core/random.js';
import { PLACEMENT_RULE, PlacementDetector, windowSwing } from '../../src/model/placement.js';
import { walkingFixture } from './helpers.js';

const W = 128; // 2.56 s at 50 Hz
const HOP = W / 50;

/** Consecutive windows of `W` frames (3 channels). */
const windows = (x: Float32Array) => Array.from({ length: Math.floor(x.length / 3 / W) }, (_, k) => x.slice(k * W * 3, (k + 1) * W * 3));

/** Rotates interleaved 3-channel frames by a row-major matrix. */
function rotate(x: Float32Array, r: ArrayLike<number>): Float32Array {
  const out = new Float32Array(x.length);
  for (let t = 0; t < x.length; t += 3)
    for (let i = 0; i < 3; i++) out[t + i] = r[3 * i]! * x[t]! + r[3 * i + 1]! * x[t + 1]! + r[3 * i + 2]! * x[t + 2]!;
  return out;
}

describe('windowSwing', () => {
  it('is the RMS angle around the mean direction: samples at ±20° about an axis give 20°', () => {
    const deg = Math.PI / 180;
    const x = new Float32Array(W * 3);
    for (let t = 0; t < W; t++) {
      const a = (t % 2 ? 20 : -20) * deg;
      x.set([Math.sin(a), Math.cos(a), 0], t * 3);
    }
    expect(windowSwing(x, W, 3, 50)).toBeCloseTo(20, 4);
    expect(windowSwing(new Float32Array(W * 3), W, 3, 50)).toBeNaN(); // no direction
  });

  it('does not change under a rotation of the device, nor with extra channels or a planar layout', () => {
    const w = windows(walkingFixture('motionsense-s3-walking-pocket'))[2]!;
    const swing = windowSwing(w, W, 3, 50);
    expect(swing).toBeGreaterThan(5);
    const rng = createRng(3);
    for (let k = 0; k < 5; k++) expect(windowSwing(rotate(w, randomRotation(rng)), W, 3, 50)).toBeCloseTo(swing, 3);
    const six = new Float32Array(W * 6);
    const planar = new Float32Array(W * 3);
    for (let t = 0; t < W; t++)
      for (let c = 0; c < 3; c++) {
        six[t * 6 + c] = w[t * 3 + c]!;
        six[t * 6 + 3 + c] = 7; // a gyroscope, ignored
        planar[c * W + t] = w[t * 3 + c]!;
      }
    expect(windowSwing(six, W, 6, 50)).toBeCloseTo(swing, 5);
    expect(windowSwing(planar, W, 3, 50, true)).toBeCloseTo(swing, 5);
  });
});

describe('PlacementDetector', () => {
  const decide = (x: Float32Array) => {
    const d = new PlacementDetector();
    const seen = windows(x).map((w) => d.push(w, 3, 50, HOP));
    return { d, seen };
  };

  it(`decides 'pocket' for walking in a trouser pocket and 'waist' at the waist, after ${PLACEMENT_RULE.walkingSeconds} s and not before`, () => {
    const needed = Math.ceil(PLACEMENT_RULE.walkingSeconds / HOP); // windows
    for (const [name, want] of [
      ['motionsense-s3-walking-pocket', 'pocket'],
      ['ucihar-s2-walking-waist', 'waist'],
    ] as const) {
      const { d, seen } = decide(walkingFixture(name));
      expect(seen.slice(0, needed - 1).every((p) => p === undefined)).toBe(true);
      expect(seen.slice(needed - 1)).toEqual(Array(seen.length - needed + 1).fill(want));
      expect(d.placement).toBe(want);
      expect(d.walkingSeconds).toBeCloseTo(needed * HOP, 9);
      expect(d.swingDegrees > PLACEMENT_RULE.pocketAbove).toBe(want === 'pocket');
    }
  });

  it('decides the same whatever the orientation', () => {
    const rng = createRng(8);
    for (const name of ['motionsense-s3-walking-pocket', 'ucihar-s2-walking-waist'] as const) {
      const x = walkingFixture(name);
      const want = decide(x).d.placement;
      for (let k = 0; k < 4; k++) expect(decide(rotate(x, randomRotation(rng))).d.placement).toBe(want);
    }
  });

  it('keeps its first decision until reset, and skips windows without a direction', () => {
    const d = new PlacementDetector(5);
    const pocket = windows(walkingFixture('motionsense-s3-walking-pocket'));
    const waist = windows(walkingFixture('ucihar-s2-walking-waist'));
    expect(d.push(new Float32Array(W * 3).fill(Number.NaN), 3, 50, HOP)).toBeUndefined();
    expect(d.walkingSeconds).toBe(0);
    for (const w of pocket.slice(0, 2)) d.push(w, 3, 50, HOP);
    expect(d.placement).toBe('pocket');
    for (const w of waist) expect(d.push(w, 3, 50, HOP)).toBe('pocket');
    d.reset();
    expect([d.placement, d.walkingSeconds, d.swingDegrees]).toEqual([undefined, 0, Number.NaN]);
    for (const w of waist.slice(0, 2)) d.push(w, 3, 50, HOP);
    expect(d.placement).toBe('waist');
  });

  it('throws E_ARGUMENT for bad arguments', () => {
    for (const seconds of [0, -1, Number.NaN, Infinity])
      expect(() => new PlacementDetector(seconds)).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
    const d = new PlacementDetector();
    const w = new Float32Array(W * 3);
    for (const call of [
      () => d.push(w, 2, 50, 1), // fewer than 3 channels
      () => d.push(w.subarray(1), 3, 50, 1), // not whole frames
      () => d.push(w, 3, 0, 1),
      () => d.push(w, 3, Number.NaN, 1),
      () => d.push(w, 3, 50, -1),
      () => d.push([1, 2, 3] as unknown as Float32Array, 3, 50, 1),
    ])
      expect(call).toThrow(expect.objectContaining({ code: 'E_ARGUMENT' }));
  });
});
