import * as tf from '@tensorflow/tfjs';
import { accuracy, rotationConsistency, toActivityGroups } from '../scl/classification.js';
import { createRng } from '../core/random.js';
import { randomRotationAbout } from '../core/rotation.js';
import { randomRotations, rotateWindows } from '../scl/transforms.js';
import { forward } from './forward.js';
import type { LabelledWindows } from './imu-data.js';
import type { NetworkParams, NetworkSpec } from './networks.js';

/** Quick test-set figures written into a training run's results (percent). */
export interface ImuQuickMetrics {
  /** 6-class accuracy on unrotated test windows. */
  acc6: number;
  /** Grouped (walk / up / down / static) accuracy, unrotated. */
  groupAcc: number;
  /** Grouped accuracy under uniform random SO(3) rotations (mean over rotations). */
  groupAccRotated: number;
  /** Rotation consistency of the grouped prediction: mean and worst over rotations. */
  consistencyMean: number;
  consistencyWorst: number;
  /** 6-class accuracy under random yaw about the reference up (ideal orientation calibration). */
  acc6Yaw: number;
  /** 6-class accuracy under uniform SO(3) rotations (no calibration). */
  acc6Rotated: number;
  /** Rotations per window used. */
  rotations: number;
}

/**
 * Predicted class and group of every window, in batches. The group comes from the group head
 * (on z_inv) when the model has one, otherwise from the class prediction.
 */
export function predictImu(spec: NetworkSpec, p: NetworkParams, x: Float32Array, count: number): { cls: Uint8Array; group: Uint8Array } {
  const size = spec.channels * spec.samples;
  const cls = new Uint8Array(count);
  const group = new Uint8Array(count);
  for (let s = 0; s < count; s += 256) {
    const n = Math.min(256, count - s);
    tf.tidy(() => {
      const out = forward(spec, p, tf.tensor3d(x.subarray(s * size, (s + n) * size), [n, spec.channels, spec.samples]));
      cls.set(out.logits!.argMax(1).dataSync(), s);
      if (out.groupLogits) group.set(out.groupLogits.argMax(1).dataSync(), s);
    });
  }
  if (!spec.groups || !spec.dims.inv) toActivityGroups(cls, group);
  return { cls, group };
}

/**
 * Computes {@link ImuQuickMetrics} on test windows with seeded rotations (`rotations` per
 * window). The model cards use the evaluation command; these are the figures a training run
 * reports about itself.
 *
 * @param spec - the architecture
 * @param p - trained weights
 * @param test - test windows (subjects never seen in training)
 * @param up - reference up direction of the yaw rotations
 * @param rotations - rotations per window (default 10)
 * @param seed - seed of the rotations
 */
export function imuQuickMetrics(
  spec: NetworkSpec,
  p: NetworkParams,
  test: LabelledWindows,
  up: readonly number[],
  rotations = 10,
  seed = 12345,
): ImuQuickMetrics {
  const n = test.count;
  const shape = { frames: test.samples, channels: test.channels, layout: 'planar' } as const;
  const truthGroups = toActivityGroups(test.y);
  const base = predictImu(spec, p, test.x, n);
  const rng = createRng(seed);
  const rotatedGroups = new Uint8Array(n * rotations);
  let groupAccRotated = 0;
  let acc6Rotated = 0;
  for (let r = 0; r < rotations; r++) {
    const pr = predictImu(spec, p, rotateWindows(test.x, n, shape, randomRotations(rng, n)), n);
    for (let w = 0; w < n; w++) rotatedGroups[w * rotations + r] = pr.group[w]!;
    groupAccRotated += (100 * accuracy(pr.group, truthGroups)) / rotations;
    acc6Rotated += (100 * accuracy(pr.cls, test.y)) / rotations;
  }
  const yaw = new Float64Array(n * 9);
  for (let w = 0; w < n; w++) randomRotationAbout(up, rng, yaw.subarray(w * 9, w * 9 + 9));
  const yawed = predictImu(spec, p, rotateWindows(test.x, n, shape, yaw), n);
  const cons = rotationConsistency(base.group, rotatedGroups, rotations);
  const pct = (v: number) => Math.round(v * 100) / 100;
  return {
    acc6: pct(100 * accuracy(base.cls, test.y)),
    groupAcc: pct(100 * accuracy(base.group, truthGroups)),
    groupAccRotated: pct(groupAccRotated),
    consistencyMean: pct(cons.mean),
    consistencyWorst: pct(cons.worst),
    acc6Yaw: pct(100 * accuracy(yawed.cls, test.y)),
    acc6Rotated: pct(acc6Rotated),
    rotations,
  };
}
