import { join } from 'node:path';
import { readMotionSense } from '../io/motionsense.js';
import { readUciHar } from '../io/ucihar.js';
import { TrainingError } from '../errors.js';
import { IMU_INPUT, type LabelledWindows } from './imu-data.js';

/**
 * The IMU datasets: UCI HAR (Samsung Galaxy S II on the waist), MotionSense (iPhone 6s, front trouser pocket).
 *
 * @example
 * ```ts
 * import { loadImuCorpus } from 'scl-wear/train';
 * const phone = await loadImuCorpus('../shared/data', 'test', 'imu', ['motionsense']);
 * ```
 */
export type ImuDataset = 'uci' | 'motionsense';

/**
 * Subject-disjoint splits: `train` fits the weights, `val` (training subjects held out) fits the temperature, `test` is never seen.
 *
 * @example
 * ```ts
 * import { loadImuCorpus } from 'scl-wear/train';
 * for (const split of ['train', 'val', 'test'] as const) {
 *   console.log(split, (await loadImuCorpus('../shared/data', split, 'acc')).count);
 * }
 * ```
 */
export type ImuSplit = 'train' | 'val' | 'test';

/**
 * Labelled IMU windows from one or more datasets.
 *
 * @example
 * ```ts
 * import { loadImuCorpus } from 'scl-wear/train';
 * const val = await loadImuCorpus('../shared/data', 'val', 'imu');
 * console.log(val.datasets, val.count, val.dataset[0], val.session[0]); // ['uci', 'motionsense'] …
 * ```
 */
export interface ImuCorpus extends LabelledWindows {
  /** Dataset per window (index into `datasets`). */
  readonly dataset: Uint8Array;
  /** The datasets, in index order. */
  readonly datasets: readonly ImuDataset[];
  /** Recording session per window (one device placement; unique across datasets). */
  readonly session: Uint16Array;
}

/**
 * MotionSense test subjects (every third), never used in training or validation.
 *
 * @example
 * ```ts
 * import { MOTIONSENSE_TEST } from 'scl-wear/train';
 * const isTest = (subject: number) => (MOTIONSENSE_TEST as readonly number[]).includes(subject);
 * ```
 */
export const MOTIONSENSE_TEST = [3, 6, 9, 12, 15, 18, 21, 24] as const;

/**
 * Validation rule on training subjects of either dataset: subject number divisible by 7.
 *
 * @example
 * ```ts
 * import { isValidationSubject } from 'scl-wear/train';
 * [7, 14, 15].map(isValidationSubject); // [true, true, false]
 * ```
 */
export const isValidationSubject = (subject: number): boolean => subject % 7 === 0;

/** MotionSense activity code → class index in UCI HAR order; jogging has no UCI HAR class and is left out. */
const MS_CLASS: Record<string, number> = { wlk: 0, ups: 1, dws: 2, sit: 3, std: 4 };

interface Part {
  x: Float32Array[];
  y: number[];
  subject: number[];
  session: number[];
  dataset: number[];
}

async function addUci(part: Part, dataDir: string, split: ImuSplit, task: 'imu' | 'acc', d: number): Promise<number> {
  const raw = await readUciHar(join(dataDir, 'uci-har'), split === 'test' ? 'test' : 'train');
  const chans = IMU_INPUT[task];
  const S = raw.samples;
  for (let w = 0; w < raw.count; w++) {
    const s = raw.subject[w]!;
    if (split !== 'test' && isValidationSubject(s) !== (split === 'val')) continue;
    const x = new Float32Array(chans.length * S);
    chans.forEach((ch, c) => x.set(raw.x.subarray((w * 9 + ch) * S, (w * 9 + ch + 1) * S), c * S));
    part.x.push(x);
    part.y.push(raw.y[w]! - 1);
    part.subject.push(s);
    part.session.push(raw.experiment[w]!);
    part.dataset.push(d);
  }
  return raw.rate;
}

async function addMotionSense(part: Part, dataDir: string, split: ImuSplit, task: 'imu' | 'acc', d: number, S: number): Promise<number> {
  const all = Array.from({ length: 24 }, (_, i) => i + 1);
  const test = new Set<number>(MOTIONSENSE_TEST);
  const subjects = all.filter((s) => (split === 'test' ? test.has(s) : !test.has(s) && isValidationSubject(s) === (split === 'val')));
  const { rate, trials } = await readMotionSense(join(dataDir, 'motionsense'), subjects);
  const C = task === 'imu' ? 6 : 3;
  const hop = S / 2;
  for (const tr of trials) {
    const cls = MS_CLASS[tr.code];
    if (cls === undefined) continue;
    for (let start = 0; start + S <= tr.frames; start += hop) {
      const x = new Float32Array(C * S);
      for (let t = 0; t < S; t++) for (let c = 0; c < C; c++) x[c * S + t] = tr.x[(start + t) * 6 + c]!;
      part.x.push(x);
      part.y.push(cls);
      part.subject.push(tr.subject);
      part.session.push(1000 + tr.subject); // one session per subject: the phone stays in the pocket
      part.dataset.push(d);
    }
  }
  return rate;
}

/**
 * Reads labelled IMU windows (128 samples at 50 Hz, 50 % overlap) from UCI HAR and MotionSense
 * with subject-disjoint splits: UCI HAR's own 21/9 subject split, MotionSense subjects
 * {@link MOTIONSENSE_TEST} for test; validation takes the training subjects numbered by a
 * multiple of 7. Model input: total acceleration in g, then (for `imu`) the gyroscope in rad/s.
 * MotionSense jogging is left out (no such class in the model).
 *
 * @param dataDir - the data directory holding `uci-har/` and `motionsense/`
 * @param split - train, val or test
 * @param task - `imu` (6 channels) or `acc` (3)
 * @param datasets - which datasets (default both)
 * @throws FormatError `E_IO` for missing files, `E_TRUNCATED` for short or inconsistent files;
 *   TrainingError `E_DATA` when no window is left
 * @example
 * ```ts
 * import { loadImuCorpus } from 'scl-wear/train';
 * const test = await loadImuCorpus('../shared/data', 'test', 'imu', ['motionsense']);
 * ```
 */
export async function loadImuCorpus(
  dataDir: string,
  split: ImuSplit,
  task: 'imu' | 'acc',
  datasets: readonly ImuDataset[] = ['uci', 'motionsense'],
): Promise<ImuCorpus> {
  const part: Part = { x: [], y: [], subject: [], session: [], dataset: [] };
  const S = 128;
  let rate = 50;
  for (const [d, name] of datasets.entries()) {
    rate = name === 'uci' ? await addUci(part, dataDir, split, task, d) : await addMotionSense(part, dataDir, split, task, d, S);
  }
  const count = part.y.length;
  if (count === 0) throw new TrainingError('E_DATA', `no ${split} windows in ${datasets.join(', ')} under ${dataDir}`);
  const C = task === 'imu' ? 6 : 3;
  const x = new Float32Array(count * C * S);
  part.x.forEach((w, i) => x.set(w, i * C * S));
  return {
    count,
    channels: C,
    samples: S,
    rate,
    x,
    y: Uint8Array.from(part.y),
    source: Uint16Array.from(part.subject, (s, i) => s + 100 * part.dataset[i]!),
    dataset: Uint8Array.from(part.dataset),
    datasets,
    session: Uint16Array.from(part.session),
  };
}

/**
 * Body vertical of each dataset in its device frame: the mean gravity direction over the WALKING
 * windows (mean acceleration of each window, normalised, averaged, normalised). The frame that
 * self-calibration from walking rotates into.
 *
 * @param data - windows with channels 0..2 the total acceleration
 * @throws TrainingError `E_DATA` when a dataset has no walking window
 * @example
 * ```ts
 * import { loadImuCorpus, walkingUp } from 'scl-wear/train';
 * const [uciUp, motionSenseUp] = walkingUp(await loadImuCorpus('../shared/data', 'train', 'acc'));
 * ```
 */
export function walkingUp(data: ImuCorpus): [number, number, number][] {
  const S = data.samples;
  return data.datasets.map((name, d) => {
    const s = [0, 0, 0];
    for (let w = 0; w < data.count; w++) {
      if (data.dataset[w] !== d || data.y[w] !== 0) continue;
      const g = [0, 1, 2].map((c) =>
        data.x.subarray((w * data.channels + c) * S, (w * data.channels + c + 1) * S).reduce((a, b) => a + b, 0),
      );
      const n = Math.hypot(g[0]!, g[1]!, g[2]!) || 1;
      g.forEach((v, c) => (s[c]! += v / n));
    }
    const n = Math.hypot(s[0]!, s[1]!, s[2]!);
    if (!(n > 0)) throw new TrainingError('E_DATA', `no WALKING windows in ${name} to estimate its vertical`);
    return [s[0]! / n, s[1]! / n, s[2]! / n];
  });
}
