import { join } from 'node:path';
import { readUciHar } from '../io/ucihar.js';
import { TrainingError } from '../errors.js';

/**
 * Labelled windows ready for training: planar `[count, channels, samples]`.
 *
 * @example
 * ```ts
 * import { loadImuWindows } from 'scl-wear/train';
 * const w = await loadImuWindows('../shared/data', 'test', 'acc');
 * const first = w.x.subarray(0, w.channels * w.samples); // window 0, planar [3, 128]
 * console.log(w.count, w.rate, w.y[0], w.source[0]); // windows, Hz, class, subject
 * ```
 */
export interface LabelledWindows {
  /** Number of windows. */
  readonly count: number;
  /** Channels per window. */
  readonly channels: number;
  /** Samples per window. */
  readonly samples: number;
  /** Sample rate in Hz. */
  readonly rate: number;
  /** Window values, planar per window. */
  readonly x: Float32Array;
  /** Class per window, from 0. */
  readonly y: Uint8Array;
  /** Source (subject or record) per window, for negatives and splits. */
  readonly source: Uint16Array;
}

/** Model input channels of the IMU tasks, as UCI HAR channel indices (total_acc x/y/z, gyro x/y/z). */
export const IMU_INPUT = { imu: [6, 7, 8, 3, 4, 5], acc: [6, 7, 8] } as const;

/**
 * Reads UCI HAR windows as model input: total acceleration in g (gravity included) and, for
 * `imu`, the gyroscope in rad/s. Labels become 0..5.
 *
 * @param dataDir - the data directory holding `uci-har/`
 * @param split - `train` or `test`
 * @param task - `imu` (6 channels) or `acc` (3)
 * @param limit - keep only the first `limit` windows of every class (smoke runs)
 * @throws FormatError `E_IO` for missing files, `E_TRUNCATED` when the arrays disagree in size;
 *   TrainingError `E_DATA` when no window is left
 * @example
 * ```ts
 * import { loadImuWindows } from 'scl-wear/train';
 * const train = await loadImuWindows('../shared/data', 'train', 'imu');
 * ```
 */
export async function loadImuWindows(
  dataDir: string,
  split: 'train' | 'test',
  task: 'imu' | 'acc',
  limit?: number,
): Promise<LabelledWindows> {
  const raw = await readUciHar(join(dataDir, 'uci-har'), split);
  const chans = IMU_INPUT[task];
  const S = raw.samples;
  const perClass = new Map<number, number>();
  const keep: number[] = [];
  for (let w = 0; w < raw.count; w++) {
    const c = raw.y[w]!;
    const n = perClass.get(c) ?? 0;
    if (limit !== undefined && n >= limit) continue;
    perClass.set(c, n + 1);
    keep.push(w);
  }
  if (keep.length === 0) throw new TrainingError('E_DATA', `no ${split} windows in ${dataDir}/uci-har`);
  const C = chans.length;
  const x = new Float32Array(keep.length * C * S);
  const y = new Uint8Array(keep.length);
  const source = new Uint16Array(keep.length);
  keep.forEach((w, i) => {
    chans.forEach((ch, c) => x.set(raw.x.subarray((w * 9 + ch) * S, (w * 9 + ch + 1) * S), (i * C + c) * S));
    y[i] = raw.y[w]! - 1;
    source[i] = raw.subject[w]!;
  });
  return { count: keep.length, channels: C, samples: S, rate: raw.rate, x, y, source };
}

/**
 * Direction of gravity in the model input frame while standing (mean total acceleration of the
 * STANDING windows, normalised): the "up" of the reference frame that orientation calibration
 * rotates into, and the axis of the yaw augmentation.
 *
 * @param data - IMU windows whose channels 0..2 are total acceleration
 * @param standing - class index of STANDING (4 in UCI HAR order)
 * @throws TrainingError `E_DATA` when there is no STANDING window
 * @example
 * ```ts
 * import { loadImuWindows, referenceUp } from 'scl-wear/train';
 * const up = referenceUp(await loadImuWindows('../shared/data', 'train', 'imu')); // unit vector [x, y, z]
 * ```
 */
export function referenceUp(data: LabelledWindows, standing = 4): [number, number, number] {
  const s = [0, 0, 0];
  const S = data.samples;
  for (let w = 0; w < data.count; w++) {
    if (data.y[w] !== standing) continue;
    for (let c = 0; c < 3; c++) for (let t = 0; t < S; t++) s[c]! += data.x[(w * data.channels + c) * S + t]!;
  }
  const n = Math.hypot(s[0]!, s[1]!, s[2]!);
  if (!(n > 0)) throw new TrainingError('E_DATA', 'no STANDING windows to estimate the reference up direction');
  return [s[0]! / n, s[1]! / n, s[2]! / n];
}
