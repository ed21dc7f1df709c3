import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkArg } from '../errors.js';
import { imuQuickMetrics } from './imu-metrics.js';
import { loadImuCorpus, walkingUp, type ImuCorpus } from './imu-corpus.js';
import { loadImuWindows, referenceUp } from './imu-data.js';
import { fitImuTemperatures, type ImuTemperatures } from './evaluate-cross.js';
import { loadOnnxModel } from './onnx-model.js';
import { imuTask } from './imu-task.js';
import { checkMotionAnisotropy, checkMotionScale, checkTimeScale } from './motion-scale.js';
import { checkSwing } from './swing.js';
import { parameterCount, type NetworkSpec } from './networks.js';
import { exportOnnx } from './onnx/export.js';
import { exportParity } from './parity.js';
import { runEcgTraining } from './run-ecg.js';
import { accSpec, imuSpec, invariantBranch } from './presets.js';
import { useTrainingBackend } from './tf/backend.js';
import { trainNetwork } from './trainer.js';
import { trainOptions, type RunOptions } from './run-options.js';

export { RUN_DEFAULTS, trainOptions } from './run-options.js';
export type { RunOptions, TrainTaskName } from './run-options.js';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Softmax temperatures of an exported IMU model, fitted on the validation subjects of the run's datasets. */
async function runTemperature(path: string, o: RunOptions, up: readonly number[]): Promise<ImuTemperatures> {
  const enc = await loadOnnxModel(path);
  try {
    return await fitImuTemperatures(enc, await loadImuCorpus(o.dataDir, 'val', o.task as 'imu' | 'acc', o.datasets), up);
  } finally {
    await enc.release();
  }
}

/**
 * Trains one encoder end to end: reads the data, trains (with a checkpoint per epoch), exports
 * `<task>.onnx`, checks that onnxruntime reproduces tfjs on real windows, measures the quick
 * test metrics and writes `results.json`. Returns the results object.
 *
 * @param o - the options (see {@link RUN_DEFAULTS})
 * @throws TrainingError `E_DATA`, `E_DIVERGED`, `E_CHECKPOINT`, `E_EXPORT`, `E_BACKEND`; FormatError
 *   `E_IO`, `E_PARSE`, `E_TRUNCATED`, `E_CHECKSUM` from the dataset readers
 * @example
 * ```ts
 * import { runTraining, RUN_DEFAULTS } from 'scl-wear/train';
 * await runTraining({ ...RUN_DEFAULTS, task: 'imu', dataDir: '../shared/data', outDir: 'runs/imu' });
 * ```
 */
export async function runTraining(o: RunOptions): Promise<Record<string, unknown>> {
  checkArg(['imu', 'acc', 'ecg'].includes(o.task), 'task', 'imu, acc or ecg', o.task);
  if (o.task === 'ecg') return runEcgTraining(o);
  if (o.motionScale !== undefined) {
    checkMotionScale(o.motionScale);
    checkArg(o.realism === true, 'motionScale', 'used with realism', o.realism);
  }
  if (o.motionAnisotropy !== undefined) {
    checkMotionAnisotropy(o.motionAnisotropy);
    checkArg(o.motionScale !== undefined, 'motionAnisotropy', 'used with motionScale', o.motionScale);
  }
  if (o.timeScale !== undefined) {
    checkTimeScale(o.timeScale);
    checkArg(o.realism === true, 'timeScale', 'used with realism', o.realism);
  }
  if (o.swing !== undefined) {
    checkSwing(o.swing);
    checkArg(o.realism === true, 'swing', 'used with realism', o.realism);
  }
  await useTrainingBackend(o.backend);
  await mkdir(o.outDir, { recursive: true });
  const task = o.task;
  const corpus = o.datasets !== undefined;
  const train = corpus
    ? await loadImuCorpus(o.dataDir, 'train', task, o.datasets)
    : await loadImuWindows(o.dataDir, 'train', task, o.limit);
  const ups = corpus ? walkingUp(train as ImuCorpus) : undefined;
  const up = ups ? ups[0]! : referenceUp(train);
  const base: NetworkSpec = task === 'imu' ? imuSpec(o.dims) : accSpec(o.dims);
  const spec = o.invariantBranch ? invariantBranch(base, o.invariantBranch !== 'basic', o.invariantBranch === 'acc-frame') : base;
  const taskOptions = corpus
    ? { dataset: (train as ImuCorpus).dataset, ups, classDatasets: o.datasets.includes('uci') ? [o.datasets.indexOf('uci')] : undefined }
    : {};
  const realism = o.realism
    ? {
        realism: {
          deviceError: true,
          lowRate: 0.5,
          motionScale: o.motionScale,
          motionAnisotropy: o.motionAnisotropy,
          timeScale: o.timeScale,
          swing: o.swing,
        },
      }
    : {};
  const result = await trainNetwork(spec, imuTask(train, up, o.negatives, { ...taskOptions, ...realism }), trainOptions(o));
  const metadata = {
    task,
    mode: o.mode,
    dims: JSON.stringify(o.dims),
    reference_up: JSON.stringify(up),
    classes: 'WALKING,WALKING_UPSTAIRS,WALKING_DOWNSTAIRS,SITTING,STANDING,LAYING',
  };
  const onnx = exportOnnx(spec, result.params, {
    doc: `scl-wear ${task} encoder (${o.mode}), trained on UCI HAR train subjects`,
    metadata,
  });
  await writeFile(join(o.outDir, `${task}.onnx`), onnx);
  const test =
    o.evalRotations > 0
      ? corpus
        ? await loadImuCorpus(o.dataDir, 'test', task, o.datasets)
        : await loadImuWindows(o.dataDir, 'test', task)
      : undefined;
  const parity = await exportParity(spec, result.params, onnx, (test ?? train).x, Math.min(64, (test ?? train).count));
  const temperature = corpus ? await runTemperature(join(o.outDir, `${task}.onnx`), o, up) : undefined;
  const results = {
    task,
    mode: o.mode,
    data: corpus
      ? `${o.datasets.join(' + ')}: training subjects (validation subjects held out); metrics on the test subjects of the same datasets`
      : 'UCI HAR (HAPT v2.1 re-derivation), train subjects; metrics on the 9 test subjects',
    datasetUps: ups,
    options: { ...o, onStep: undefined, dataDir: undefined, outDir: undefined },
    spec,
    parameters: parameterCount(spec),
    onnx: { file: `${task}.onnx`, bytes: onnx.length, sha256: sha256(onnx), parityMaxAbs: parity },
    referenceUp: up,
    temperature,
    trainWindows: train.count,
    wallSeconds: Math.round(result.seconds),
    history: result.history,
    metrics: test ? imuQuickMetrics(spec, result.params, test, up, o.evalRotations) : undefined,
  };
  await writeFile(join(o.outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  return results;
}
