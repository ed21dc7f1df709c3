import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createRng } from '../../src/core/random.js';
import { axisAngleRotation, invertRotation, randomRotation } from '../../src/core/rotation.js';
import { cutShifted, randomRotations, rotateWindow, rotateWindows } from '../../src/scl/transforms.js';

const frames = 32;
function imuWindow(seed: number, channels = 6): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: frames * channels }, () => rng.normal());
}
const vec = (x: Float32Array, t: number, c: number, channels: number) => [0, 1, 2].map((k) => x[t * channels + c + k]!);
const dot = (a: number[], b: number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

describe('rotateWindow', () => {
  it('preserves norms and dot products of accelerometer and gyroscope vectors', () => {
    const x = imuWindow(1);
    const y = rotateWindow(x, { frames, channels: 6, layout: 'interleaved' }, randomRotation(createRng(3)));
    for (let t = 0; t < frames; t++) {
      const [a, g, a2, g2] = [vec(x, t, 0, 6), vec(x, t, 3, 6), vec(y, t, 0, 6), vec(y, t, 3, 6)];
      expect(dot(a2, a2)).toBeCloseTo(dot(a, a), 4);
      expect(dot(g2, g2)).toBeCloseTo(dot(g, g), 4);
      expect(dot(a2, g2)).toBeCloseTo(dot(a, g), 4);
      const t2 = (t + 5) % frames;
      expect(dot(a2, vec(y, t2, 0, 6))).toBeCloseTo(dot(a, vec(x, t2, 0, 6)), 4);
    }
    expect(y).not.toEqual(x);
  });

  it('applies a quarter turn about z as (x, y, z) → (−y, x, z) to both sensors', () => {
    const x = imuWindow(2);
    const y = rotateWindow(x, { frames, channels: 6, layout: 'interleaved' }, axisAngleRotation([0, 0, 1], Math.PI / 2));
    for (let i = 0; i < frames * 2; i++) {
      expect(y[3 * i]).toBeCloseTo(-x[3 * i + 1]!, 5);
      expect(y[3 * i + 1]).toBeCloseTo(x[3 * i]!, 5);
      expect(y[3 * i + 2]).toBeCloseTo(x[3 * i + 2]!, 5);
    }
  });

  it('gives the same result in planar and interleaved layouts, and undoes with the inverse', () => {
    const x = imuWindow(4, 9);
    const r = randomRotation(createRng(8));
    const planar = new Float32Array(x.length);
    for (let t = 0; t < frames; t++) for (let c = 0; c < 9; c++) planar[c * frames + t] = x[t * 9 + c]!;
    const yi = rotateWindow(x, { frames, channels: 9, layout: 'interleaved' }, r);
    const yp = rotateWindow(planar, { frames, channels: 9, layout: 'planar' }, r);
    for (let t = 0; t < frames; t++) for (let c = 0; c < 9; c++) expect(yp[c * frames + t]).toBeCloseTo(yi[t * 9 + c]!, 6);
    rotateWindow(yp, { frames, channels: 9, layout: 'planar' }, invertRotation(r), yp); // in place
    for (let k = 0; k < x.length; k++) expect(yp[k]).toBeCloseTo(planar[k]!, 5);
  });

  it('rotates only the listed triads and copies other channels', () => {
    const x = imuWindow(5, 7);
    const y = rotateWindow(x, { frames, channels: 7, layout: 'interleaved', triads: [1, 4] }, randomRotation(createRng(1)));
    for (let t = 0; t < frames; t++) {
      expect(y[t * 7]).toBe(x[t * 7]);
      expect(dot(vec(y, t, 1, 7), vec(y, t, 1, 7))).toBeCloseTo(dot(vec(x, t, 1, 7), vec(x, t, 1, 7)), 4);
    }
    expect(() => rotateWindow(x, { frames, channels: 7, layout: 'interleaved' }, randomRotation(createRng(1)))).toThrow(InputError);
    expect(() => rotateWindow(x, { frames, channels: 7, layout: 'interleaved', triads: [5] }, randomRotation(createRng(1)))).toThrow(
      InputError,
    );
  });

  it('rotates each window of a batch by its own matrix', () => {
    const shape = { frames, channels: 3, layout: 'planar' } as const;
    const a = imuWindow(6, 3);
    const b = imuWindow(7, 3);
    const both = new Float32Array([...a, ...b]);
    const rs = randomRotations(createRng(2), 2);
    const out = rotateWindows(both, 2, shape, rs);
    expect(out.subarray(0, a.length)).toEqual(rotateWindow(a, shape, rs.subarray(0, 9)));
    expect(out.subarray(a.length)).toEqual(rotateWindow(b, shape, rs.subarray(9, 18)));
    expect(() => rotateWindows(both, 3, shape, rs)).toThrow(InputError);
  });
});

describe('cutShifted', () => {
  const record = Float32Array.from({ length: 1000 }, (_, i) => i);
  it('cuts the same record later: a real offset, new samples enter at the end', () => {
    const w = cutShifted(record, 100, 27, 50);
    expect(w[0]).toBe(127);
    expect(w[49]).toBe(176);
    // A circular roll of the unshifted window would wrap its own first samples to the end.
    const base = cutShifted(record, 100, 0, 50);
    expect(w[49]).not.toBe(base[26]);
    expect(Array.from(w.subarray(0, 23))).toEqual(Array.from(base.subarray(27)));
  });

  it('refuses windows that leave the record instead of wrapping', () => {
    expect(cutShifted(record, 900, 50, 50)[49]).toBe(999);
    expect(() => cutShifted(record, 900, 51, 50)).toThrow(InputError);
    expect(() => cutShifted(record, 10, -11, 50)).toThrow(InputError);
    expect(() => cutShifted(record, 10, 0.5, 50)).toThrow(InputError);
  });
});
