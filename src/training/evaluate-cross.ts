import { createRng } from '../core/random.js';
import { randomRotationAbout } from '../core/rotation.js';
import { randomRotations, rotateWindows } from '../scl/transforms.js';
import { toActivityGroups } from '../scl/classification.js';
import { fitTemperature, fitWorstCaseTemperature } from './calibration-metrics.js';
import { evaluateImuDataset, type DatasetFigures } from './eval-imu-cross.js';
import { loadImuCorpus, type ImuCorpus, type ImuDataset } from './imu-corpus.js';
import { deviceError } from './imu-realism.js';
import type { OnnxModel } from './onnx-model.js';

/** Softmax temperatures of an IMU model: classes, groups, and groups per placement. */
export interface ImuTemperatures {
  readonly classes: number;
  /** Group temperature without the placement: over several datasets, the one minimising the worse dataset's validation ECE. */
  readonly groups: number;
  /** Group temperature per placement, each fitted on the validation subjects of the dataset worn that way. */
  readonly groupsByPlacement?: { readonly waist?: number; readonly pocket?: number };
}

/** Cross-dataset figures of one IMU model. */
export interface CrossEvaluation {
  readonly model: string;
  /** Temperatures fitted on validation subjects (held out from training). */
  readonly temperature: ImuTemperatures;
  /** Figures per dataset's test subjects. */
  readonly datasets: Partial<Record<ImuDataset, DatasetFigures>>;
}

const PLACEMENT = { uci: 'waist', motionsense: 'pocket' } as const;

/**
 * The validation windows as the temperature fit sees them: seeded sensor error in each window's
 * device frame, then a uniform random rotation per window, and the model's outputs for them.
 *
 * @param enc - the encoder
 * @param val - validation windows
 * @returns the generator (to draw more from), the windows with sensor error, the outputs
 * @internal
 */
export async function rotatedValidation(
  enc: OnnxModel,
  val: ImuCorpus,
): Promise<{ rng: ReturnType<typeof createRng>; xe: Float32Array; rot: Awaited<ReturnType<OnnxModel['run']>> }> {
  const { count: n, channels: C, samples: S } = val;
  const rng = createRng(99);
  const xe = val.x.slice();
  for (let w = 0; w < n; w++) deviceError(xe.subarray(w * C * S, (w + 1) * C * S), C, S, rng);
  const rot = await enc.run(rotateWindows(xe, n, { frames: S, channels: C, layout: 'planar' }, randomRotations(rng, n)), n);
  return { rng, xe, rot };
}

/**
 * Fits the softmax temperatures of an IMU model on the validation subjects: the group head under
 * sensor error and random rotation (per dataset by NLL, the placement's temperature; over both
 * datasets the one minimising the worse dataset's ECE), the class head under sensor error and a
 * random yaw about the reference up (UCI HAR, the placement its 6-class head knows).
 *
 * @param enc - the encoder
 * @param val - validation windows (UCI HAR first when present)
 * @param up - the model's reference up
 * @internal
 */
export async function fitImuTemperatures(enc: OnnxModel, val: ImuCorpus, up: readonly number[]): Promise<ImuTemperatures> {
  const { channels: C, samples: S } = val;
  const shape = { frames: S, channels: C, layout: 'planar' } as const;
  const { rng, xe, rot } = await rotatedValidation(enc, val);
  const groupY = toActivityGroups(val.y);
  const groupsByPlacement: Record<string, number> = {};
  const parts: { logits: Float32Array; y: number[] }[] = [];
  for (const [d, name] of val.datasets.entries()) {
    const rows = [...val.y.keys()].filter((w) => val.dataset[w] === d);
    const logits = new Float32Array(rows.length * 4);
    rows.forEach((w, i) => logits.set(rot.groupLogits!.subarray(w * 4, w * 4 + 4), i * 4));
    if (rows.length === 0) continue;
    parts.push({ logits, y: rows.map((w) => groupY[w]!) });
    groupsByPlacement[PLACEMENT[name]] = fitTemperature(logits, 4, parts.at(-1)!.y);
  }
  // Without the placement one temperature serves both devices: the one whose worse dataset is best calibrated.
  const groups = parts.length > 1 ? fitWorstCaseTemperature(parts, 4) : fitTemperature(rot.groupLogits!, 4, groupY);
  const uci = val.datasets.indexOf('uci');
  const keep = [...val.y.keys()].filter((w) => val.dataset[w] === uci);
  if (uci < 0 || keep.length === 0) return { classes: 1, groups, groupsByPlacement };
  const yaw = new Float64Array(keep.length * 9);
  for (let i = 0; i < keep.length; i++) randomRotationAbout(up, rng, yaw.subarray(i * 9, i * 9 + 9));
  const xu = new Float32Array(keep.length * C * S);
  keep.forEach((w, i) => xu.set(xe.subarray(w * C * S, (w + 1) * C * S), i * C * S));
  const out = await enc.run(rotateWindows(xu, keep.length, shape, yaw), keep.length);
  return {
    classes: fitTemperature(
      out.logits!,
      6,
      keep.map((w) => val.y[w]!),
    ),
    groups,
    groupsByPlacement,
  };
}

/**
 * Evaluates an IMU model on the test subjects of each dataset separately (UCI HAR waist,
 * MotionSense pocket), with temperatures fitted on the validation subjects.
 *
 * @param enc - the encoder
 * @param dataDir - directory holding `uci-har/` and `motionsense/`
 * @param task - `imu` or `acc`
 * @param up - the model's reference up
 * @param o - which datasets to test on, rotations, given temperatures (skip fitting)
 * @internal
 */
export async function evaluateImuCross(
  enc: OnnxModel,
  dataDir: string,
  task: 'imu' | 'acc',
  up: readonly number[],
  o: { datasets?: readonly ImuDataset[]; rotations?: number; temperature?: ImuTemperatures } = {},
): Promise<CrossEvaluation> {
  const temperature = o.temperature ?? (await fitImuTemperatures(enc, await loadImuCorpus(dataDir, 'val', task), up));
  const datasets: Partial<Record<ImuDataset, DatasetFigures>> = {};
  for (const d of o.datasets ?? (['uci', 'motionsense'] as const)) {
    const set = await loadImuCorpus(dataDir, 'test', task, [d]);
    datasets[d] = await evaluateImuDataset(enc, set, {
      placement: PLACEMENT[d],
      up,
      temperature,
      rotations: o.rotations,
      sixClass: d === 'uci',
    });
  }
  return { model: enc.name, temperature, datasets };
}
