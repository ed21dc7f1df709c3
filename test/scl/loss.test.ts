import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { sclLoss } from '../../src/scl/loss.js';

// Embeddings built from angles on the unit circle, so every cosine distance has the closed
// form D = 1 − cos(Δangle).
const dims = { inv: 2, var: 2, free: 1 };
function circleBatch(invAngles: number[], invShift: number, varAngles: number[], varShift: number, free = 0.3) {
  const b = invAngles.length;
  const z = new Float32Array(b * 5);
  const zT = new Float32Array(b * 5);
  for (let i = 0; i < b; i++) {
    const a = invAngles[i]!;
    const v = varAngles[i]!;
    z.set([Math.cos(a), Math.sin(a), Math.cos(v), Math.sin(v), free], i * 5);
    zT.set([Math.cos(a + invShift), Math.sin(a + invShift), Math.cos(v + varShift), Math.sin(v + varShift), -free * i], i * 5);
  }
  return { z, zT };
}

describe('sclLoss', () => {
  it('equals the closed form on the unit circle', () => {
    // Anchors at 0, π/2, π: window 0 sees negatives at distance 1 and 2 (mean 1.5), window 1
    // at 1 and 1 (mean 1), window 2 at 2 and 1 (mean 1.5).
    const delta = 0.4;
    const gamma = 1.1;
    const { z, zT } = circleBatch([0, Math.PI / 2, Math.PI], delta, [0.2, 1, 2], gamma);
    const beta = 0.5;
    const eps = 1e-3;
    const r = sclLoss(z, zT, 3, dims, { beta, eps });
    const dPos = 1 - Math.cos(delta);
    const dVar = 1 - Math.cos(gamma);
    const expected = [1.5, 1, 1.5].map((neg) => dPos / ((1 + beta * dVar) * neg + eps));
    expect(r.loss).toBeCloseTo((expected[0]! + expected[1]! + expected[2]!) / 3, 6);
    expect(r.dInvPos).toBeCloseTo(dPos, 6);
    expect(r.dVarPos).toBeCloseTo(dVar, 6);
    expect(r.dInvNeg).toBeCloseTo(4 / 3, 6);
    expect(r.windows).toBe(3);
  });

  it('is zero for perfectly invariant positives and grows with their distance', () => {
    const angles = [0, 1, 2, 3];
    const zero = circleBatch(angles, 0, angles, 0.5);
    expect(sclLoss(zero.z, zero.zT, 4, dims).loss).toBeCloseTo(0, 7);
    const small = circleBatch(angles, 0.1, angles, 0.5);
    const large = circleBatch(angles, 0.8, angles, 0.5);
    expect(sclLoss(large.z, large.zT, 4, dims).loss).toBeGreaterThan(sclLoss(small.z, small.zT, 4, dims).loss);
  });

  it('rewards variant dims that move (β > 0) and ignores them when β = 0', () => {
    const angles = [0, 1, 2, 3];
    const still = circleBatch(angles, 0.3, angles, 0);
    const moved = circleBatch(angles, 0.3, angles, Math.PI);
    expect(sclLoss(moved.z, moved.zT, 4, dims, { beta: 1 }).loss).toBeLessThan(sclLoss(still.z, still.zT, 4, dims, { beta: 1 }).loss);
    // Opposite variant parts: D = 2, so the denominator is (1 + 2β)·neg + ε.
    const r0 = sclLoss(still.z, still.zT, 4, dims, { beta: 0, eps: 0 });
    const r2 = sclLoss(moved.z, moved.zT, 4, dims, { beta: 2, eps: 0 });
    expect(r2.dVarPos).toBeCloseTo(2, 6);
    expect(r2.loss).toBeCloseTo(r0.loss / 5, 6);
    expect(sclLoss(moved.z, moved.zT, 4, dims, { beta: 0 }).loss).toBeCloseTo(sclLoss(still.z, still.zT, 4, dims, { beta: 0 }).loss, 7);
  });

  it('depends only on directions: rescaling rows and changing free dims change nothing', () => {
    const { z, zT } = circleBatch([0, 0.7, 2, 4], 0.3, [1, 2, 3, 4], 0.9);
    const base = sclLoss(z, zT, 4, dims).loss;
    const z2 = z.map((v, k) => v * (1 + Math.floor(k / 5)) * (k % 5 === 4 ? -7 : 1));
    const zT2 = zT.map((v, k) => v * 3 * (k % 5 === 4 ? 11 : 1));
    expect(sclLoss(z2, zT2, 4, dims).loss).toBeCloseTo(base, 6);
  });

  it('keeps ε in the denominator when every negative coincides with the anchor', () => {
    const { z, zT } = circleBatch([1, 1, 1], 0.5, [0, 0, 0], 0);
    const r = sclLoss(z, zT, 3, dims, { beta: 1, eps: 1e-3 });
    expect(r.dInvNeg).toBeCloseTo(0, 6);
    expect(r.loss).toBeCloseTo((1 - Math.cos(0.5)) / 1e-3, 1);
  });

  it('takes negatives only from other groups when groups are given', () => {
    // Windows 0 and 1 share a group: window 0's only negative is window 2 (distance 2).
    const { z, zT } = circleBatch([0, Math.PI / 2, Math.PI], 0.4, [0, 0, 0], 0);
    const per = new Float64Array(3);
    const r = sclLoss(z, zT, 3, dims, { beta: 0, eps: 0, groups: [7, 7, 8], perWindow: per });
    const dPos = 1 - Math.cos(0.4);
    expect(per[0]).toBeCloseTo(dPos / 2, 6);
    expect(per[1]).toBeCloseTo(dPos / 1, 6);
    expect(per[2]).toBeCloseTo(dPos / 1.5, 6);
    expect(r.dInvNeg).toBeCloseTo((2 + 1 + 1.5) / 3, 6);
    const none = sclLoss(z, zT, 3, dims, { groups: [1, 1, 1], perWindow: per });
    expect(none.windows).toBe(0);
    expect(Number.isNaN(per[0])).toBe(true);
  });

  it('treats an empty invariant group as distance 1 (the d_inv = 0 ablation)', () => {
    const z = new Float32Array([1, 0, 0, 1]);
    const zT = new Float32Array([-1, 0, 0, 1]);
    const r = sclLoss(z, zT, 2, { inv: 0, var: 2, free: 0 }, { beta: 1, eps: 0 });
    // Window 0: var distance 2 → 1 / (1 + 2); window 1: var distance 0 → 1 / 1.
    expect(r.loss).toBeCloseTo((1 / 3 + 1) / 2, 6);
  });

  it('rejects bad shapes and options with E_ARGUMENT', () => {
    const z = new Float32Array(10);
    const bad = [
      () => sclLoss(z, z, 1, { inv: 5, var: 0, free: 0 }),
      () => sclLoss(z, new Float32Array(9), 2, dims),
      () => sclLoss(z, z, 2, { inv: -1, var: 6, free: 0 }),
      () => sclLoss(z, z, 2, dims, { beta: -1 }),
      () => sclLoss(z, z, 2, dims, { eps: NaN }),
      () => sclLoss(z, z, 2, dims, { groups: [1] }),
    ];
    for (const f of bad) {
      expect(f).toThrow(InputError);
      try {
        f();
      } catch (e) {
        expect((e as InputError).code).toBe('E_ARGUMENT');
      }
    }
  });
});
