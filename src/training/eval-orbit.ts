import { orbitRotations } from '../core/orbit-rotations.js';
import { createRng } from '../core/random.js';
import { accuracy, rotationConsistency, toActivityGroups } from '../scl/classification.js';
import { randomRotations, rotateWindows, type WindowShape } from '../scl/transforms.js';
import { expectedCalibrationError, softmaxRows } from './calibration-metrics.js';
import type { ImuCorpus } from './imu-corpus.js';
import { deviceError } from './imu-realism.js';
import { argmaxRows, type OnnxModel } from './onnx-model.js';

/** Figures of the group head with test-time orbit averaging over `k` rotations (percent). */
export interface OrbitFigures {
  readonly k: number;
  readonly windows: number;
  /** Grouped accuracy, sensor error in the device frame then a uniform SO(3) rotation per window. */
  readonly groupAccRotated: number;
  /** Rotation consistency of the group: mean and worst rotation. */
  readonly consistencyMean: number;
  readonly consistencyWorst: number;
  /** Expected calibration error of the (averaged) group probabilities under rotation. */
  readonly groupEce: number;
}

const G = 4;
const CHUNK = 128;
const pct = (v: number) => Math.round(v * 10000) / 100;
const r4 = (v: number) => Math.round(v * 10000) / 10000;

/**
 * Group probabilities of `n` planar windows averaged over the first `k` orbit rotations: each
 * window is rotated by every rotation of the set, the copies run as one batch, and the softmax
 * of the group logits over the temperature is averaged. `k = 1` is the plain model.
 *
 * @param enc - the encoder
 * @param x - planar windows
 * @param n - number of windows
 * @param shape - shape of one window
 * @param k - rotations of the orbit set
 * @param tg - group temperature
 * @internal
 */
export async function orbitGroupProbs(
  enc: OnnxModel,
  x: Float32Array,
  n: number,
  shape: WindowShape,
  k: number,
  tg: number,
): Promise<Float32Array> {
  const size = shape.frames * shape.channels;
  const set = orbitRotations(k);
  const out = new Float32Array(n * G);
  const copies = new Float32Array(CHUNK * k * size);
  const rs = new Float64Array(CHUNK * k * 9);
  for (let i = 0; i < CHUNK * k; i++) rs.set(set.subarray((i % k) * 9, (i % k) * 9 + 9), i * 9);
  for (let w0 = 0; w0 < n; w0 += CHUNK) {
    const m = Math.min(CHUNK, n - w0);
    for (let w = 0; w < m; w++)
      for (let j = 0; j < k; j++) copies.set(x.subarray((w0 + w) * size, (w0 + w + 1) * size), (w * k + j) * size);
    const view = copies.subarray(0, m * k * size);
    rotateWindows(view, m * k, shape, rs, view);
    const p = softmaxRows((await enc.run(view, m * k)).groupLogits!, G, tg);
    for (let w = 0; w < m; w++)
      for (let j = 0; j < k; j++) for (let c = 0; c < G; c++) out[(w0 + w) * G + c]! += p[(w * k + j) * G + c]! / k;
  }
  return out;
}

/**
 * Group figures of an IMU encoder on one dataset's test windows with orbit averaging over `k`
 * rotations, under the protocol of the cross-dataset card (seed 4242: sensor error fixed in
 * each window's device frame, then `rotations` uniform SO(3) rotations per window), so `k = 1`
 * reproduces the card's grouped accuracy, consistency and group ECE.
 *
 * @param enc - the encoder
 * @param set - test windows of one dataset
 * @param o - orbit size, rotations per window, seed, group temperature
 * @internal
 */
export async function evaluateOrbit(
  enc: OnnxModel,
  set: ImuCorpus,
  o: { k: number; rotations?: number; seed?: number; tg: number },
): Promise<OrbitFigures> {
  const R = o.rotations ?? 5;
  const rng = createRng(o.seed ?? 4242);
  const { count: n, channels: C, samples: S } = set;
  const shape = { frames: S, channels: C, layout: 'planar' } as const;
  const groups = toActivityGroups(set.y);
  const xe = set.x.slice();
  for (let w = 0; w < n; w++) deviceError(xe.subarray(w * C * S, (w + 1) * C * S), C, S, rng);
  const base = argmaxRows(await orbitGroupProbs(enc, xe, n, shape, o.k, o.tg), G);
  const rotated = new Uint8Array(n * R);
  let acc = 0;
  let ece = 0;
  for (let r = 0; r < R; r++) {
    const p = await orbitGroupProbs(enc, rotateWindows(xe, n, shape, randomRotations(rng, n)), n, shape, o.k, o.tg);
    const pred = argmaxRows(p, G);
    for (let w = 0; w < n; w++) rotated[w * R + r] = pred[w]!;
    acc += accuracy(pred, groups) / R;
    ece += expectedCalibrationError(p, G, groups) / R;
  }
  const cons = rotationConsistency(base, rotated, R);
  return {
    k: o.k,
    windows: n,
    groupAccRotated: pct(acc),
    consistencyMean: r4(cons.mean),
    consistencyWorst: r4(cons.worst),
    groupEce: pct(ece),
  };
}
