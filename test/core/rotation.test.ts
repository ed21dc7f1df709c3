import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createRng } from '../../src/core/random.js';
import {
  axisAngleRotation,
  composeRotations,
  invertRotation,
  quaternionToMatrix,
  randomQuaternion,
  randomRotation,
  randomRotationAbout,
  rotationAngle,
  rotationBetween,
} from '../../src/core/rotation.js';

const apply = (r: ArrayLike<number>, v: number[]) =>
  [0, 1, 2].map((i) => r[3 * i]! * v[0]! + r[3 * i + 1]! * v[1]! + r[3 * i + 2]! * v[2]!);
const det = (r: ArrayLike<number>) =>
  r[0]! * (r[4]! * r[8]! - r[5]! * r[7]!) - r[1]! * (r[3]! * r[8]! - r[5]! * r[6]!) + r[2]! * (r[3]! * r[7]! - r[4]! * r[6]!);

describe('rotation matrices', () => {
  it('turns x into y for a quarter turn about z', () => {
    const r = quaternionToMatrix([Math.SQRT1_2, 0, 0, Math.SQRT1_2]);
    const v = apply(r, [1, 0, 0]);
    expect(v[0]).toBeCloseTo(0, 12);
    expect(v[1]).toBeCloseTo(1, 12);
    expect(v[2]).toBeCloseTo(0, 12);
    const r2 = axisAngleRotation([0, 0, 2], Math.PI / 2);
    for (let k = 0; k < 9; k++) expect(r2[k]).toBeCloseTo(r[k]!, 12);
  });

  it('draws orthogonal matrices with determinant +1', () => {
    const rng = createRng(11);
    for (let n = 0; n < 200; n++) {
      const r = randomRotation(rng);
      const rrT = composeRotations(r, invertRotation(r));
      for (let k = 0; k < 9; k++) expect(rrT[k]).toBeCloseTo(k % 4 === 0 ? 1 : 0, 12);
      expect(det(r)).toBeCloseTo(1, 12);
    }
  });

  it('draws rotation angles with the uniform-SO(3) law: CDF (θ − sin θ)/π (KS test)', () => {
    const rng = createRng(2024);
    const n = 5000;
    const angles = Float64Array.from({ length: n }, () => rotationAngle(randomRotation(rng))).sort();
    let ks = 0;
    for (let i = 0; i < n; i++) {
      const f = (angles[i]! - Math.sin(angles[i]!)) / Math.PI;
      ks = Math.max(ks, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
    }
    // Kolmogorov critical value at α = 0.001 is 1.95/√n.
    expect(ks).toBeLessThan(1.95 / Math.sqrt(n));
    // A non-uniform sampler (uniform angle about a uniform axis) fails the same test.
    const naive = Float64Array.from({ length: n }, () => Math.PI * rng.next()).sort();
    let ksNaive = 0;
    for (let i = 0; i < n; i++) ksNaive = Math.max(ksNaive, Math.abs((naive[i]! - Math.sin(naive[i]!)) / Math.PI - i / n));
    expect(ksNaive).toBeGreaterThan(1.95 / Math.sqrt(n));
  });

  it('draws quaternions with zero mean and E[q_i²] = 1/4, and matrices with E[R] = 0', () => {
    const rng = createRng(5);
    const n = 20_000;
    const sum = new Float64Array(4);
    const sq = new Float64Array(4);
    const rsum = new Float64Array(9);
    const q = new Float64Array(4);
    for (let k = 0; k < n; k++) {
      randomQuaternion(rng, q);
      for (let i = 0; i < 4; i++) {
        sum[i]! += q[i]!;
        sq[i]! += q[i]! ** 2;
      }
      const r = quaternionToMatrix(q);
      for (let i = 0; i < 9; i++) rsum[i]! += r[i]!;
    }
    // Each component has variance 1/4 (SE 0.0035); each matrix entry variance 1/3 (SE 0.004).
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(sum[i]! / n)).toBeLessThan(0.018);
      expect(Math.abs(sq[i]! / n - 0.25)).toBeLessThan(0.01);
    }
    for (let i = 0; i < 9; i++) expect(Math.abs(rsum[i]! / n)).toBeLessThan(0.02);
  });

  it('measures the angle of an axis-angle rotation', () => {
    for (const a of [0, 0.3, 1, 2.5, Math.PI]) expect(rotationAngle(axisAngleRotation([1, 2, 3], a))).toBeCloseTo(a, 6);
    expect(rotationAngle(axisAngleRotation([1, 2, 3], 4))).toBeCloseTo(2 * Math.PI - 4, 6);
  });

  it('composes angles about one axis and inverts by transposing', () => {
    const ab = composeRotations(axisAngleRotation([0, 1, 0], 0.4), axisAngleRotation([0, 1, 0], 0.9));
    const c = axisAngleRotation([0, 1, 0], 1.3);
    for (let k = 0; k < 9; k++) expect(ab[k]).toBeCloseTo(c[k]!, 12);
    const back = invertRotation(axisAngleRotation([0, 1, 0], 0.4));
    const minus = axisAngleRotation([0, 1, 0], -0.4);
    for (let k = 0; k < 9; k++) expect(back[k]).toBeCloseTo(minus[k]!, 12);
  });

  it('finds the smallest rotation between two directions, including opposite ones', () => {
    const cases: [number[], number[]][] = [
      [
        [0, 0, 1],
        [1, 0, 0],
      ],
      [
        [0.2, -0.9, 0.4],
        [3, 1, -2],
      ],
      [
        [1, 0, 0],
        [-2, 0, 0],
      ],
      [
        [0, 0, 1],
        [0, 0, -1],
      ],
      [
        [1, 1, 1],
        [1, 1, 1],
      ],
    ];
    for (const [a, b] of cases) {
      const r = rotationBetween(a, b);
      const v = apply(r, a);
      const na = Math.hypot(...a);
      const nb = Math.hypot(...b);
      for (let i = 0; i < 3; i++) expect(v[i]! / na).toBeCloseTo(b[i]! / nb, 10);
      const angle = Math.acos(Math.min(1, Math.max(-1, (a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!) / (na * nb))));
      expect(rotationAngle(r)).toBeCloseTo(angle, 6);
      expect(det(r)).toBeCloseTo(1, 12);
    }
    expect(() => rotationBetween([0, 0, 0], [1, 0, 0])).toThrow(InputError);
  });

  it('keeps the axis fixed when rotating about it', () => {
    const rng = createRng(9);
    const axis = [0.3, -0.5, 0.8];
    for (let k = 0; k < 20; k++) {
      const v = apply(randomRotationAbout(axis, rng), axis);
      for (let i = 0; i < 3; i++) expect(v[i]).toBeCloseTo(axis[i]!, 12);
    }
  });
});
