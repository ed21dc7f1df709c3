import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { decorrelationTerm, readoutTerm } from '../../src/training/equivariance-terms.js';
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

/** A term's value on embeddings carrying the target, before and after 100 Adam steps on them. */
function minimised(fn: (z: tf.Tensor2D, target: tf.Tensor2D, d: typeof dims) => tf.Scalar, seed: number): [number, number] {
  const t = phaseTargets(seed);
  const z = tf.variable(tf.tensor2d(embeddings(t, 1, seed + 1), [rows, 8]));
  const target = tf.tensor2d(t, [rows, 2]);
  const value = () => tf.tidy(() => fn(z, target, dims).dataSync()[0]!);
  const before = value();
  const opt = tf.train.adam(0.05);
  for (let i = 0; i < 100; i++) opt.minimize(() => fn(z, target, dims));
  const after = value();
  tf.dispose([z, target]);
  opt.dispose();
  return [before, after];
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
    const [before, after] = minimised(decorrelationTerm, 5);
    expect(after).toBeLessThan(before / 10);
  });
});

/** In-batch ridge R² in plain arithmetic (Gauss–Jordan), the reference of readoutTerm. */
function ridgeR2(z: Float32Array, t: Float32Array, d: number, cols: number, ridge: number): number {
  const n = t.length / cols;
  const dim = z.length / n;
  const s = Array.from({ length: n }, (_, r) => Array.from({ length: d }, (_, j) => z[r * dim + j]!));
  for (let j = 0; j < d; j++) {
    const m = s.reduce((u, row) => u + row[j]!, 0) / n;
    const sd = Math.sqrt(s.reduce((u, row) => u + (row[j]! - m) ** 2, 0) / n + 1e-6);
    for (const row of s) row[j] = (row[j]! - m) / sd;
  }
  const a = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => s.reduce((u, row) => u + row[i]! * row[j]!, 0) / n + (i === j ? ridge : 0)),
  );
  let total = 0;
  for (let c = 0; c < cols; c++) {
    const y = Array.from({ length: n }, (_, r) => t[r * cols + c]!);
    const my = y.reduce((u, v) => u + v, 0) / n;
    const cov = Array.from({ length: d }, (_, j) => s.reduce((u, row, r) => u + row[j]! * (y[r]! - my), 0) / n);
    const m = a.map((row, i) => [...row, cov[i]!]);
    for (let i = 0; i < d; i++) {
      const p = m[i]![i]!;
      for (let k = 0; k <= d; k++) m[i]![k]! /= p;
      for (let r = 0; r < d; r++) if (r !== i) for (let k = d; k >= 0; k--) m[r]![k]! -= m[r]![i]! * m[i]![k]!;
    }
    total += cov.reduce((u, v, j) => u + v * m[j]![d]!, 0) / (y.reduce((u, v) => u + (v - my) ** 2, 0) / n + 1e-6);
  }
  return total / cols;
}

describe('readoutTerm', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });

  const readout = (z: Float32Array, t: Float32Array) =>
    tf.tidy(() => readoutTerm(tf.tensor2d(z, [rows, 8]), tf.tensor2d(t, [rows, 2]), dims).dataSync()[0]!);

  it('is the in-batch ridge R² of a linear probe from z_inv', () => {
    const t = phaseTargets(7);
    for (const lead of [0, 0.3, 1]) {
      const z = embeddings(t, lead, 8);
      expect(readout(z, t)).toBeCloseTo(ridgeR2(z, t, dims.inv, 2, 0.01), 3);
    }
  });

  it('sees a target hidden in a combination of dims that the decorrelation term misses', () => {
    const t = phaseTargets(9);
    const z = embeddings(t, 0, 10);
    // Dims 0 and 1 share a large common signal; their difference carries the target.
    const rng = createRng(12);
    for (let r = 0; r < rows; r++) {
      const common = 2 * rng.normal();
      z[r * 8] = common;
      z[r * 8 + 1] = common + t[r * 2]!;
    }
    expect(term(z, t)).toBeLessThan(0.15); // the noise level of the first test
    expect(readout(z, t)).toBeGreaterThan(0.35); // at most 0.5: one of two columns
    expect(readout(embeddings(t, 0, 10), t)).toBeLessThan(0.15); // noise alone
  });

  it('gradient steps on z_inv remove what a linear probe reads', () => {
    const [before, after] = minimised((z, target) => readoutTerm(z, target, dims), 13);
    expect(before).toBeGreaterThan(0.45);
    expect(after).toBeLessThan(before / 10);
  });
});
