import { composeRotations, randomRotationAbout, rotationBetween } from '../core/rotation.js';
import type { Rng } from '../core/random.js';
import { randomRotations, rotateWindows, type WindowShape } from '../scl/transforms.js';
import type { LabelledWindows } from './imu-data.js';
import { applyRealism, type RealismOptions } from './imu-realism.js';
import type { TrainBatch, TrainMode, TrainTask } from './trainer.js';

/**
 * Activity group per UCI HAR class: walking, upstairs, downstairs, static (sit, stand, lay).
 *
 * @example
 * ```ts
 * import { IMU_GROUPS } from 'scl-wear/train';
 * const group = IMU_GROUPS[4]; // STANDING → 3 (static)
 * ```
 */
export const IMU_GROUPS = [0, 1, 2, 3, 3, 3] as const;

/**
 * Which windows are negatives of each other in the SCL loss: `all` (every other window of the
 * batch), `class` (only windows of another class) or `subject` (only windows of another subject).
 *
 * @example
 * ```ts
 * import { imuTask, loadImuWindows, referenceUp } from 'scl-wear/train';
 * const train = await loadImuWindows('../shared/data', 'train', 'imu');
 * const task = imuTask(train, referenceUp(train), 'subject'); // negatives only from other subjects
 * ```
 */
export type NegativeRule = 'all' | 'class' | 'subject';

/**
 * Extra options of {@link imuTask} for windows from several datasets.
 *
 * @example
 * ```ts
 * import { imuTask, loadImuCorpus, walkingUp } from 'scl-wear/train';
 * const train = await loadImuCorpus('../shared/data', 'train', 'imu');
 * const ups = walkingUp(train);
 * const task = imuTask(train, ups[0]!, 'class', {
 *   dataset: train.dataset,
 *   ups,
 *   classDatasets: [0], // 6-class labels from UCI HAR only
 *   realism: { deviceError: true, lowRate: 0.5 },
 *   rate: 50,
 * });
 * ```
 */
export interface ImuTaskOptions {
  /** Dataset index per window (with `ups`). */
  readonly dataset?: ArrayLike<number>;
  /** Body vertical of each dataset in its device frame; the task view rotates it onto `up` first. */
  readonly ups?: readonly (readonly number[])[];
  /** Sensor-error and low-rate augmentation, applied in the device frame before any rotation. */
  readonly realism?: RealismOptions;
  /** Datasets whose 6-class labels train the task head (default all); the others train the group head and the SCL loss only. */
  readonly classDatasets?: readonly number[];
  /** Sample rate of the windows (Hz, for the low-rate augmentation; default 50). */
  readonly rate?: number;
}

/**
 * Class label that the task head ignores (its one-hot row is zero).
 *
 * @example
 * ```ts
 * import { IGNORED_CLASS } from 'scl-wear/train';
 * // A window without a 6-class label still trains the group head and the SCL loss.
 * y[i] = label ?? IGNORED_CLASS;
 * ```
 */
export const IGNORED_CLASS = 255;

function gravityDirections(x: Float32Array, n: number, channels: number, samples: number): Float32Array {
  const g = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    const o = i * channels * samples;
    let norm = 0;
    for (let c = 0; c < 3; c++) {
      let s = 0;
      for (let t = 0; t < samples; t++) s += x[o + c * samples + t]!;
      g[i * 3 + c] = s;
      norm += s * s;
    }
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < 3; c++) g[i * 3 + c]! /= norm;
  }
  return g;
}

/**
 * Training views of IMU windows:
 * - `plain`: the windows as recorded (task and group heads);
 * - `aug`: each window under a uniform random SO(3) rotation (both heads);
 * - `scl`: the task head sees the window rotated by a random yaw about the reference up
 *   (what remains unknown after orientation calibration); the SCL positive, which the group head
 *   also sees, is the window under a uniform random SO(3) rotation, applied to acc and gyro alike.
 * With `realism`, every window first gets a random sensor error in its device frame (and some a
 * lower device rate), the same for both of its views. Batches also carry the gravity direction
 * of each view in its device frame (target of the equivariance term).
 *
 * @param data - windows (channels: acc x/y/z, then gyro x/y/z when present)
 * @param up - reference up direction (see {@link referenceUp})
 * @param negatives - negative rule of the SCL loss
 * @param o - several datasets, realism
 * @example
 * ```ts
 * import { imuTask, loadImuWindows, referenceUp } from 'scl-wear/train';
 * const train = await loadImuWindows('../shared/data', 'train', 'imu');
 * const task = imuTask(train, referenceUp(train), 'class');
 * ```
 */
export function imuTask(
  data: LabelledWindows,
  up: readonly number[],
  negatives: NegativeRule = 'class',
  o: ImuTaskOptions = {},
): TrainTask {
  const size = data.channels * data.samples;
  const shape: WindowShape = { frames: data.samples, channels: data.channels, layout: 'planar' };
  const toUp = o.ups?.map((u) => rotationBetween(u, up));
  const rate = o.rate ?? 50;
  return {
    count: data.count,
    makeBatch(index: ArrayLike<number>, rng: Rng, mode: TrainMode): TrainBatch {
      const n = index.length;
      const x = new Float32Array(n * size);
      const y = new Uint8Array(n);
      const groupY = new Uint8Array(n);
      const neg = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const w = index[i]!;
        const d = o.dataset?.[w] ?? 0;
        x.set(data.x.subarray(w * size, (w + 1) * size), i * size);
        if (o.realism) applyRealism(x.subarray(i * size, (i + 1) * size), data.channels, data.samples, rate, rng, o.realism);
        y[i] = !o.classDatasets || o.classDatasets.includes(d) ? data.y[w]! : IGNORED_CLASS;
        groupY[i] = IMU_GROUPS[data.y[w]!]!;
        neg[i] = negatives === 'all' ? i : negatives === 'class' ? data.y[w]! : data.source[w]!;
      }
      if (mode === 'plain') return { x1: x, y, groupY, gravity1: gravityDirections(x, n, data.channels, data.samples) };
      const so3 = rotateWindows(x, n, shape, randomRotations(rng, n));
      const g2 = gravityDirections(so3, n, data.channels, data.samples);
      if (mode === 'aug') return { x1: so3, y, groupY, gravity1: g2 };
      const yaw = new Float64Array(n * 9);
      for (let i = 0; i < n; i++) {
        const r = randomRotationAbout(up, rng);
        yaw.set(toUp ? composeRotations(r, toUp[o.dataset?.[index[i]!] ?? 0]!) : r, i * 9);
      }
      const x1 = rotateWindows(x, n, shape, yaw);
      return { x1, x2: so3, y, groupY, negatives: neg, gravity1: gravityDirections(x1, n, data.channels, data.samples), gravity2: g2 };
    },
  };
}
