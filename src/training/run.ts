import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkArg } from '../errors.js';
import { imuQuickMetrics } from './imu-metrics.js';
import { loadImuWindows, referenceUp } from './imu-data.js';
import { imuTask, type NegativeRule } from './imu-task.js';
import { parameterCount, type EncoderSpec } from './models.js';
import { exportOnnx } from './onnx/export.js';
import { exportParity } from './parity.js';
import { runEcgTraining } from './run-ecg.js';
import { accSpec, DEFAULT_DIMS, imuSpec, type DimChoice } from './presets.js';
import { useTrainingBackend, type TrainingBackend } from './tf/backend.js';
import { trainEncoder, type StepReport, type TrainMode } from './trainer.js';

/** What {@link runTraining} trains. */
export type TrainTaskName = 'imu' | 'acc' | 'ecg';

/** Options of {@link runTraining} (the `scl-wear train` flags). */
export interface RunOptions {
  readonly task: TrainTaskName;
  /** Dataset directory (holding `uci-har/`, `mitdb/`). */
  readonly dataDir: string;
  /** Output directory: `<task>.onnx`, `results.json`, checkpoints. */
  readonly outDir: string;
  readonly mode: TrainMode;
  readonly epochs: number;
  readonly seed: number;
  readonly batch: number;
  readonly lr: number;
  readonly lambda: number;
  readonly beta: number;
  readonly eps: number;
  readonly clip: number;
  readonly dims: DimChoice;
  readonly negatives: NegativeRule;
  /** Keep at most this many training windows per class (smoke runs). */
  readonly limit?: number;
  /** Steps per epoch cap (smoke runs). */
  readonly maxSteps?: number;
  /** Rotations per test window in the quick metrics (0: skip the test set). */
  readonly evalRotations: number;
  readonly resume: boolean;
  readonly backend: TrainingBackend;
  readonly onStep?: (s: StepReport) => void;
}

/** Defaults of every option except task, dataDir and outDir. */
export const RUN_DEFAULTS = {
  mode: 'scl',
  epochs: 20,
  seed: 1,
  batch: 64,
  lr: 3e-3,
  lambda: 1,
  beta: 1,
  eps: 1e-3,
  clip: 5,
  dims: DEFAULT_DIMS,
  negatives: 'class',
  evalRotations: 10,
  resume: false,
  backend: 'wasm',
} as const satisfies Partial<RunOptions>;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Trains one encoder end to end: reads the data, trains (with a checkpoint per epoch), exports
 * `<task>.onnx`, checks that onnxruntime reproduces tfjs on real windows, measures the quick
 * test metrics and writes `results.json`. Returns the results object.
 *
 * @param o - the options (see {@link RUN_DEFAULTS})
 * @throws TrainingError `E_DATA`, `E_DIVERGED`, `E_CHECKPOINT`, `E_EXPORT`; FormatError from the readers
 * @example
 * ```ts
 * import { runTraining, RUN_DEFAULTS } from 'scl-wear/node';
 * await runTraining({ ...RUN_DEFAULTS, task: 'imu', dataDir: '../shared/data', outDir: 'runs/imu' });
 * ```
 */
export async function runTraining(o: RunOptions): Promise<Record<string, unknown>> {
  checkArg(['imu', 'acc', 'ecg'].includes(o.task), 'task', 'imu, acc or ecg', o.task);
  if (o.task === 'ecg') return runEcgTraining(o);
  await useTrainingBackend(o.backend);
  await mkdir(o.outDir, { recursive: true });
  const task = o.task as 'imu' | 'acc';
  const train = await loadImuWindows(o.dataDir, 'train', task, o.limit);
  const up = referenceUp(train);
  const spec: EncoderSpec = task === 'imu' ? imuSpec(o.dims) : accSpec(o.dims);
  const result = await trainEncoder(spec, imuTask(train, up, o.negatives), {
    mode: o.mode,
    epochs: o.epochs,
    batch: o.batch,
    lr: o.lr,
    seed: o.seed,
    lambda: o.lambda,
    beta: o.beta,
    eps: o.eps,
    clip: o.clip,
    maxSteps: o.maxSteps,
    checkpointDir: o.outDir,
    resume: o.resume,
    onStep: o.onStep,
  });
  const metadata = {
    task,
    mode: o.mode,
    dims: JSON.stringify(o.dims),
    reference_up: JSON.stringify(up),
    classes: 'WALKING,WALKING_UPSTAIRS,WALKING_DOWNSTAIRS,SITTING,STANDING,LAYING',
  };
  const onnx = exportOnnx(spec, result.params, { doc: `scl-wear ${task} encoder (${o.mode}), trained on UCI HAR train subjects`, metadata });
  await writeFile(join(o.outDir, `${task}.onnx`), onnx);
  const test = o.evalRotations > 0 ? await loadImuWindows(o.dataDir, 'test', task) : undefined;
  const parity = await exportParity(spec, result.params, onnx, (test ?? train).x, Math.min(64, (test ?? train).count));
  const results = {
    task,
    mode: o.mode,
    data: 'UCI HAR (HAPT v2.1 re-derivation), train subjects; metrics on the 9 test subjects',
    options: { ...o, onStep: undefined, dataDir: undefined, outDir: undefined },
    spec,
    parameters: parameterCount(spec),
    onnx: { file: `${task}.onnx`, bytes: onnx.length, sha256: sha256(onnx), parityMaxAbs: parity },
    referenceUp: up,
    trainWindows: train.count,
    wallSeconds: Math.round(result.seconds),
    history: result.history,
    metrics: test ? imuQuickMetrics(spec, result.params, test, up, o.evalRotations) : undefined,
  };
  await writeFile(join(o.outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  return results;
}
