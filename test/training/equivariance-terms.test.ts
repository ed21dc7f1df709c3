import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { decorrelationTerm } from '../../src/training/equivariance-terms.js';
import { useTrainingBackend } from '../../src/training/tf/backend.js';

const dims = { inv: 4, var: 2, free: 2 };
const rows = 64;

/** Embeddings whose z_inv dim 0 is `lead * target[:, 0]` plus noise; the other dims are noise. */
function embeddings(target: Float32Array, lead: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const d = dims.inv + dims.var + dims.free;
  const z = Float32Array.from({ length: rows * d }, () => rng.normal());
  for (let r = 0; r < rows; r++) z[r * d] = lead * target[r * 2]! + 0.1 * z[r * d]!;
  return z;
}

function phaseTargets(seed: number): Float32Array {
  const rng = createRng(seed);
  const t = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    const a = 2 * Math.PI * rng.next();
    t[2 * r] = Math.cos(a);
    t[2 * r + 1] = Math.sin(a);
  }
  return t;
}

const term = (z: Float32Array, t: Float32Array, mask?: Float32Array) =>
  tf.tidy(() => decorrelationTerm(tf.tensor2d(z, [rows, 8]), tf.tensor2d(t, [rows, 2]), dims, mask).dataSync()[0]!);

describe('decorrelationTerm', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });

  it('is large when z_inv carries the target and small when it does not', () => {
    const t = phaseTargets(1);
    const carried = term(embeddings(t, 1, 2), t);
    const absent = term(embeddings(t, 0, 2), t);
    expect(carried).toBeGreaterThan(0.45); // corr ≈ 0.99 on one of two target columns
    expect(absent).toBeLessThan(0.15); // four noise dims × two columns, each corr² ≈ 1/rows
  });

  it('ignores the rows whose mask is 0', () => {
    const t = phaseTargets(3);
    const z = embeddings(t, 1, 4);
    const mask = Float32Array.from({ length: rows }, (_, r) => (r < rows / 2 ? 1 : 0));
    // Break the link on the masked-out rows only: the term must not notice.
    const broken = z.slice();
    for (let r = rows / 2; r < rows; r++) broken[r * 8] = -broken[r * 8]!;
    expect(term(broken, t, mask)).toBeCloseTo(term(z, t, mask), 5);
    expect(term(broken, t)).toBeLessThan(term(z, t) / 2);
  });

  it('gradient steps on z_inv remove the linear information', () => {
    const t = phaseTargets(5);
    const z = tf.variable(tf.tensor2d(embeddings(t, 1, 6), [rows, 8]));
    const target = tf.tensor2d(t, [rows, 2]);
    const before = tf.tidy(() => decorrelationTerm(z, target, dims).dataSync()[0]!);
    const opt = tf.train.adam(0.05);
    for (let i = 0; i < 100; i++) opt.minimize(() => decorrelationTerm(z, target, dims));
    const after = tf.tidy(() => decorrelationTerm(z, target, dims).dataSync()[0]!);
    expect(after).toBeLessThan(before / 10);
    tf.dispose([z, target]);
    opt.dispose();
  });
});
