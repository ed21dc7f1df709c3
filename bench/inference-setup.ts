// Shared pieces of the inference benchmarks: the benchmark encoder (a 27k-parameter Conv1D
// model built from seeded weights), the same network in tfjs, windows, and an async rate meter.
import * as tf from '@tensorflow/tfjs';
import type { SampleWindow } from '../src/core/window.js';
import type { InputLayout } from '../src/model/manifest.js';
import { buildFixtureModel, imuSpec, type FixtureModel } from '../test/model/fixture-model.js';

/**
 * The benchmark model: 6 channels × 128 samples (2.56 s of IMU at 50 Hz), Conv(64, k5) → ReLU →
 * Conv(64, k5) → ReLU → mean over time → Dense(64) embedding → Dense(6) logits: 27,078 parameters.
 */
export function benchModel(layout: InputLayout = 'NCT'): FixtureModel {
  return buildFixtureModel({
    ...imuSpec,
    hidden: 64,
    dim: 64,
    split: [32, 16],
    layout,
    seed: 42,
    classes: ['walk', 'up', 'down', 'sit', 'stand', 'lay'],
  });
}

/** `n` distinct windows for the benchmark model. */
export function benchWindows(m: FixtureModel, n: number): SampleWindow[] {
  return Array.from({ length: n }, (_, k) => {
    const data = new Float32Array(128 * 6);
    for (let i = 0; i < data.length; i++) data[i] = Math.sin(0.013 * i * (k + 1)) + 0.1 * (i % 7);
    return { kind: 'imu', channels: m.spec.channels, rate: 50, t0: k, start: k * 128, length: 128, seq: k, data };
  });
}

/** The same network in tfjs (NWC input, the layout tfjs's conv1d takes), on the current backend. */
export function tfjsForward(m: FixtureModel): (x: tf.Tensor3D) => tf.Tensor[] {
  const { hidden: h, kernel: k, dim } = m.spec;
  const c = m.spec.channels.length;
  const nk = m.spec.classes.length;
  const conv = (w: Float32Array, inC: number) => {
    const t = new Float32Array(w.length); // ONNX [out, in, k] → tfjs [k, in, out]
    for (let o = 0; o < h; o++)
      for (let i = 0; i < inC; i++) for (let j = 0; j < k; j++) t[(j * inC + i) * h + o] = w[(o * inC + i) * k + j]!;
    return tf.tensor3d(t, [k, inC, h]);
  };
  const W = m.weights;
  const w1 = conv(W.w1, c),
    w2 = conv(W.w2, h);
  const b1 = tf.tensor1d(W.b1),
    b2 = tf.tensor1d(W.b2);
  const wd = tf.tensor2d(W.wd, [h, dim]),
    bd = tf.tensor1d(W.bd);
  const wc = tf.tensor2d(W.wc, [dim, nk]),
    bc = tf.tensor1d(W.bc);
  return (x) =>
    tf.tidy(() => {
      const y1 = tf.relu(tf.add(tf.conv1d(x, w1, 1, 'valid'), b1));
      const y2 = tf.relu(tf.add(tf.conv1d(y1 as tf.Tensor3D, w2, 1, 'valid'), b2));
      const e = tf.add(tf.matMul(tf.mean<tf.Tensor2D>(y2, 1), wd), bd);
      return [e, tf.add(tf.matMul(e as tf.Tensor2D, wc), bc)];
    });
}

/** A measured task: one call does `work` units; `lanes` calls are kept in flight. */
export interface Runner {
  readonly fn: () => Promise<unknown>;
  readonly work: number;
  readonly lanes: number;
}

/** Rate of one round: `lanes` loops awaiting `fn` back to back for `ms`, in units of work per second. */
async function round(r: Runner, ms: number): Promise<number> {
  let calls = 0;
  const start = performance.now();
  const lane = async () => {
    while (performance.now() - start < ms) {
      await r.fn();
      calls++;
    }
  };
  await Promise.all(Array.from({ length: r.lanes }, lane));
  return (calls * r.work) / ((performance.now() - start) / 1000);
}

/**
 * Best rate of each runner over `rounds` rounds, the runners taking turns within each round so
 * that a change in machine load hits them all alike (this machine is shared).
 *
 * @returns units of work per second, by runner name
 */
export async function measureInTurns(runners: Readonly<Record<string, Runner>>, ms = 300, rounds = 5): Promise<Record<string, number>> {
  const best: Record<string, number> = {};
  for (const [name, r] of Object.entries(runners)) {
    await r.fn(); // warm-up
    best[name] = 0;
  }
  for (let k = 0; k < rounds; k++) {
    for (const [name, r] of Object.entries(runners)) best[name] = Math.max(best[name]!, await round(r, ms));
  }
  return best;
}
