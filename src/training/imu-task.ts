import { randomRotationAbout } from '../scl/rotation.js';
import type { Rng } from '../scl/random.js';
import { randomRotations, rotateWindows, type WindowShape } from '../scl/transforms.js';
import type { LabelledWindows } from './imu-data.js';
import type { TrainBatch, TrainMode, TrainTask } from './trainer.js';

/** Activity group per UCI HAR class: walking, upstairs, downstairs, static (sit, stand, lay). */
export const IMU_GROUPS = [0, 1, 2, 3, 3, 3] as const;

/** Which windows are negatives of each other in the SCL loss. */
export type NegativeRule = 'all' | 'class' | 'subject';

/**
 * Training views of IMU windows:
 * - `plain`: the windows as recorded (task and group heads);
 * - `aug`: each window under a uniform random SO(3) rotation (both heads);
 * - `scl`: the task head sees the window rotated by a random yaw about the reference up
 *   (what remains unknown after orientation calibration); the SCL positive, which the group head
 *   also sees, is the window under a uniform random SO(3) rotation, applied to acc and gyro alike.
 *
 * @param data - windows (channels: acc x/y/z, then gyro x/y/z when present)
 * @param up - reference up direction (see {@link referenceUp})
 * @param negatives - negative rule of the SCL loss
 * @example
 * ```ts
 * import { imuTask, loadImuWindows, referenceUp } from 'scl-wear/train';
 * const train = await loadImuWindows('../shared/data', 'train', 'imu');
 * const task = imuTask(train, referenceUp(train), 'class');
 * ```
 */
export function imuTask(data: LabelledWindows, up: readonly number[], negatives: NegativeRule = 'class'): TrainTask {
  const size = data.channels * data.samples;
  const shape: WindowShape = { frames: data.samples, channels: data.channels, layout: 'planar' };
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
        x.set(data.x.subarray(w * size, (w + 1) * size), i * size);
        y[i] = data.y[w]!;
        groupY[i] = IMU_GROUPS[data.y[w]!]!;
        neg[i] = negatives === 'all' ? i : negatives === 'class' ? data.y[w]! : data.source[w]!;
      }
      if (mode === 'plain') return { x1: x, y, groupY };
      const so3 = rotateWindows(x, n, shape, randomRotations(rng, n));
      if (mode === 'aug') return { x1: so3, y, groupY };
      const yaw = new Float64Array(n * 9);
      for (let i = 0; i < n; i++) randomRotationAbout(up, rng, yaw.subarray(i * 9, i * 9 + 9));
      return { x1: rotateWindows(x, n, shape, yaw), x2: so3, y, groupY, negatives: neg };
    },
  };
}
