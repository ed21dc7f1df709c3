import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { sclLoss } from '../../src/scl/loss.js';
import { sclLossTf } from '../../src/training/scl-loss.js';
import { useTrainingBackend } from '../../src/training/tf/backend.js';

const randomZ = (seed: number, n: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => rng.normal());
};

describe('sclLossTf', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });

  const cases = [
    { dims: { inv: 5, var: 3, free: 2 }, beta: 1, groups: undefined },
    { dims: { inv: 5, var: 3, free: 2 }, beta: 0.5, groups: [0, 0, 1, 1, 2, 2] },
    { dims: { inv: 0, var: 4, free: 6 }, beta: 2, groups: undefined },
    { dims: { inv: 6, var: 0, free: 4 }, beta: 1, groups: [1, 1, 1, 1, 1, 2] },
  ];
  for (const [k, c] of cases.entries()) {
    it(`equals the typed-array reference (case ${k})`, () => {
      const batch = 6;
      const d = c.dims.inv + c.dims.var + c.dims.free;
      const z = randomZ(10 + k, batch * d);
      const zT = randomZ(20 + k, batch * d);
      const ref = sclLoss(z, zT, batch, c.dims, { beta: c.beta, eps: 1e-3, groups: c.groups });
      const got = tf.tidy(() => {
        const r = sclLossTf(tf.tensor2d(z, [batch, d]), tf.tensor2d(zT, [batch, d]), c.dims, c.beta, 1e-3, c.groups);
        return [r.loss, r.dInvPos, r.dVarPos, r.dInvNeg].map((t) => t.dataSync()[0]!);
      });
      expect(got[0]).toBeCloseTo(ref.loss, 5);
      expect(got[1]).toBeCloseTo(ref.dInvPos, 5);
      expect(got[2]).toBeCloseTo(ref.dVarPos, 5);
      expect(got[3]).toBeCloseTo(ref.dInvNeg, 5);
    });
  }

  it('is zero when every positive equals its anchor in the invariant dims', () => {
    const z = tf.tensor2d(randomZ(3, 4 * 6), [4, 6]);
    expect(sclLossTf(z, z, { inv: 3, var: 2, free: 1 }, 1, 1e-3).loss.dataSync()[0]).toBeCloseTo(0, 6);
  });

  it('has finite gradients that lower the loss when followed', () => {
    const dims = { inv: 4, var: 2, free: 2 };
    const z = tf.tensor2d(randomZ(5, 8 * 8), [8, 8]);
    const zT = tf.variable(tf.tensor2d(randomZ(6, 8 * 8), [8, 8]));
    const f = () => sclLossTf(z, zT, dims, 1, 1e-3).loss;
    const before = f().dataSync()[0]!;
    const g = tf.grad(() => sclLossTf(z, zT, dims, 1, 1e-3).loss)(zT);
    expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    zT.assign(zT.sub(g.mul(0.05)));
    expect(f().dataSync()[0]!).toBeLessThan(before);
  });
});
