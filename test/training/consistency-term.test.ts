import * as tf from '@tensorflow/tfjs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random.js';
import { consistencyTerm } from '../../src/training/consistency-term.js';
import { loadImuWindows, referenceUp } from '../../src/training/imu-data.js';
import { imuTask } from '../../src/training/imu-task.js';
import { imuSpec } from '../../src/training/presets.js';
import { useTrainingBackend } from '../../src/training/tf/backend.js';
import { trainNetwork, type TrainOptions } from '../../src/training/trainer.js';

const rows = 16;
const classes = 4;

function logits(seed: number, scale = 2): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: rows * classes }, () => scale * rng.normal());
}

const term = (a: Float32Array, b: Float32Array) =>
  tf.tidy(() => consistencyTerm(tf.tensor2d(a, [rows, classes]), tf.tensor2d(b, [rows, classes])).dataSync()[0]!);

/** Symmetric KL in plain arithmetic, row by row. */
function reference(a: Float32Array, b: Float32Array): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const soft = (x: Float32Array) => {
      const row = Array.from(x.subarray(r * classes, (r + 1) * classes));
      const max = Math.max(...row);
      const e = row.map((v) => Math.exp(v - max));
      const s = e.reduce((u, v) => u + v, 0);
      return e.map((v) => v / s);
    };
    const p = soft(a);
    const q = soft(b);
    for (let k = 0; k < classes; k++) total += 0.5 * (p[k]! * Math.log(p[k]! / q[k]!) + q[k]! * Math.log(q[k]! / p[k]!));
  }
  return total / rows;
}

describe('consistencyTerm', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });

  it('is the symmetric KL divergence of the two softmaxes', () => {
    const a = logits(1);
    const b = logits(2);
    const expected = reference(a, b);
    expect(expected).toBeGreaterThan(0.1);
    expect(term(a, b)).toBeCloseTo(expected, 4);
    expect(term(b, a)).toBeCloseTo(expected, 4);
  });

  it('is 0 when the probabilities agree, even if the logits differ by an offset per row', () => {
    const a = logits(3);
    const rng = createRng(4);
    const b = a.slice();
    for (let r = 0; r < rows; r++) {
      const shift = 5 * rng.normal();
      for (let k = 0; k < classes; k++) b[r * classes + k]! += shift;
    }
    expect(term(a, b)).toBeLessThan(1e-5);
    expect(term(a, logits(5))).toBeGreaterThan(0.1);
  });

  it('gradient steps bring the two views to the same probabilities', () => {
    const a = tf.variable(tf.tensor2d(logits(6), [rows, classes]));
    const b = tf.variable(tf.tensor2d(logits(7), [rows, classes]));
    const before = tf.tidy(() => consistencyTerm(a, b).dataSync()[0]!);
    const opt = tf.train.adam(0.05);
    for (let i = 0; i < 100; i++) opt.minimize(() => consistencyTerm(a, b));
    const after = tf.tidy(() => consistencyTerm(a, b).dataSync()[0]!);
    expect(after).toBeLessThan(before / 10);
    tf.dispose([a, b]);
    opt.dispose();
  });
});

describe('trainNetwork with the consistency and readout weights', () => {
  beforeAll(async () => {
    await useTrainingBackend('wasm');
  });

  /** Loss of the first step (same initial weights and batch for every option set). */
  async function firstLoss(o: Partial<TrainOptions>): Promise<number> {
    const data = await loadImuWindows(fileURLToPath(new URL('../fixtures/', import.meta.url)), 'test', 'acc');
    const spec = { ...imuSpec({ inv: 8, var: 4, free: 4 }), channels: 3 };
    const base: TrainOptions = {
      mode: 'scl',
      epochs: 1,
      maxSteps: 1,
      batch: 12,
      lr: 3e-3,
      seed: 3,
      lambda: 1,
      beta: 1,
      eps: 1e-3,
      clip: 5,
    };
    let total = NaN;
    await trainNetwork(spec, imuTask(data, referenceUp(data)), { ...base, ...o, onStep: (s) => (total = s.total) });
    return total;
  }

  it('adds the term on the two views, and nothing when a mode has one view only', async () => {
    expect(await firstLoss({ consist: 5 })).toBeGreaterThan((await firstLoss({})) + 1e-4);
    expect(await firstLoss({ mode: 'plain', consist: 5 })).toBe(await firstLoss({ mode: 'plain' }));
  });

  it('adds the readout term on gravity when it is on', async () => {
    expect(await firstLoss({ readout: 5 })).toBeGreaterThan((await firstLoss({})) + 1e-4);
  });
});
