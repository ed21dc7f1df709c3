import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALIGN_DEFAULTS, FIXED_CROP } from './align-crop.js';
import { ECG_CLASSES, ECG_RATE, ECG_WINDOW, loadEcgSplit } from './ecg-data.js';
import { ecgQuickMetrics } from './ecg-metrics.js';
import { ecgTask } from './ecg-task.js';
import { parameterCount } from './networks.js';
import { exportOnnx } from './onnx/export.js';
import { loadLudbTraining } from './ludb-train.js';
import { mixTasks } from './mix-task.js';
import { exportParity } from './parity.js';
import { ecgSpec } from './presets.js';
import { trainOptions, type RunOptions } from './run-options.js';
import { useTrainingBackend } from './tf/backend.js';
import { trainNetwork } from './trainer.js';

/** Steps per epoch of ECG training unless `maxSteps` says otherwise (each epoch a fresh random subset). */
export const ECG_STEPS_PER_EPOCH = 120;

/**
 * Trains the ECG encoder on the DS1 records (MLII at 130 Hz, 4 s windows), exports `ecg.onnx`
 * and writes `results.json` with the phase-similarity and retrieval figures on DS2 records.
 * SCL positives: the same record cut later by a shift across one cardiac cycle, or with
 * `--positives record` the same record at least a minute away plus such a shift; negatives:
 * windows of other records (`--negatives class|subject` map to "other record", `all` to every
 * other window; always other records with `--positives record`). With `ludb` (a share of the
 * batch), every batch also holds that share of windows from LUDB's training subjects
 * (`loadLudbTraining`: each lead a record, the cardiologists' QRS marks as beats, so the phase
 * target is known between the first and last mark). The twelve leads of one subject form one
 * negative group: they are the same heart at the same moment, and limb leads are linear
 * combinations of each other (II and aVF can look alike), so pushing them apart would push
 * apart near-copies. The beat-class head learns from DS1 windows only (LUDB has no beat classes).
 *
 * @param o - the options of `scl-wear train`
 * @throws TrainingError and FormatError as {@link runTraining}
 */
export async function runEcgTraining(o: RunOptions): Promise<Record<string, unknown>> {
  await useTrainingBackend(o.backend);
  await mkdir(o.outDir, { recursive: true });
  const seconds = o.limit ? Math.max(o.limit, 30) : undefined;
  const train = await loadEcgSplit(o.dataDir, 'DS1', { seconds });
  const base = ecgSpec(o.dims, ECG_WINDOW);
  const spec = {
    ...base,
    ...(o.startSteps ? { startSteps: o.startSteps } : {}),
    ...(o.align ? { alignCrop: o.align === 'beat' ? ALIGN_DEFAULTS : FIXED_CROP } : {}),
  };
  const taskOptions = { negatives: o.negatives === 'all' ? 'all' : 'record', positives: o.positives ?? 'shift' } as const;
  let task = ecgTask(train, taskOptions);
  if (o.ludb) {
    const ludb = await loadLudbTraining(o.dataDir, o.limit ? { subjects: (s) => s <= o.limit! } : {});
    task = mixTasks(task, ecgTask(ludb.records, { ...taskOptions, groups: ludb.subject }), o.ludb);
  }
  const result = await trainNetwork(spec, task, trainOptions(o, ECG_STEPS_PER_EPOCH));
  const metadata = { task: 'ecg', mode: o.mode, dims: JSON.stringify(o.dims), classes: ECG_CLASSES.join(','), rate: String(ECG_RATE) };
  const trainedOn = o.ludb ? 'MIT-BIH DS1 and LUDB odd-numbered subjects' : 'MIT-BIH DS1';
  const onnx = exportOnnx(spec, result.params, { doc: `scl-wear ECG encoder (${o.mode}), trained on ${trainedOn}`, metadata });
  await writeFile(join(o.outDir, 'ecg.onnx'), onnx);
  const test = o.evalRotations > 0 ? await loadEcgSplit(o.dataDir, 'DS2', { seconds }) : undefined;
  const metrics = test ? ecgQuickMetrics(spec, result.params, test) : undefined;
  const probe = new Float32Array(8 * ECG_WINDOW);
  for (let i = 0; i < probe.length; i++) probe[i] = (train[0]!.signal[2 * ECG_RATE + i] ?? 0) * 2;
  const results = {
    task: 'ecg',
    mode: o.mode,
    data: o.ludb
      ? `MIT-BIH Arrhythmia DS1 records (MLII, 130 Hz) and LUDB odd-numbered subjects (every lead, 130 Hz) at ${o.ludb} of each batch; metrics on DS2 records`
      : 'MIT-BIH Arrhythmia DS1 records (MLII, 130 Hz); metrics on DS2 records',
    options: { ...o, onStep: undefined, dataDir: undefined, outDir: undefined },
    spec,
    parameters: parameterCount(spec),
    onnx: {
      file: 'ecg.onnx',
      bytes: onnx.length,
      sha256: createHash('sha256').update(onnx).digest('hex'),
      parityMaxAbs: await exportParity(spec, result.params, onnx, probe, 8),
    },
    wallSeconds: Math.round(result.seconds),
    history: result.history,
    metrics,
  };
  await writeFile(join(o.outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');
  return results;
}
