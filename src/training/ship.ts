import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TrainingError } from '../errors.js';
import { UCI_HAR_LABELS } from '../io/ucihar.js';
import { checkModelEntry } from '../model/manifest.js';
import { ECG_BAND, ECG_CLASSES, ECG_RATE } from './ecg-data.js';
import type { ImuTemperatures } from './evaluate-cross.js';
import type { NetworkSpec } from './networks.js';
import { ONNX_NAMES } from './onnx/export.js';
import { shiftAverageOnnx, type ShiftAverage } from './onnx/shift-average.js';
import { whitenEcgModel, type WhiteningSummary } from './whiten-ecg.js';

/**
 * Options of {@link shipModel}.
 *
 * @example
 * ```ts
 * import { shipModel } from 'scl-wear/train';
 * // Copies runs/imu-plain/imu.onnx to models/variants/imu-plain.onnx.
 * await shipModel({ run: 'runs/imu-plain', modelsDir: 'models', variant: 'plain' });
 * ```
 */
export interface ShipOptions {
  /** Training run directory (`<task>.onnx` + `results.json`). */
  readonly run: string;
  /** Package models directory (default `models`). */
  readonly modelsDir: string;
  /** `shipped`: `<task>.onnx` + a manifest entry; otherwise `variants/<task>-<variant>.onnx`. */
  readonly variant?: 'plain' | 'aug';
  /** The command line that trained the run (recorded in the manifest). */
  readonly command?: string;
  /**
   * Average z_inv over sub-windows inside the model (see {@link shiftAverageOnnx}): `copies`
   * sub-windows `stepSeconds` apart; the shipped window grows by `(copies − 1) · stepSeconds`.
   */
  readonly shiftAverage?: { readonly copies: number; readonly stepSeconds: number };
  /**
   * ECG only: append a within-record whitening of z_inv fitted on the training records in this
   * data folder (see `fitRecordWhitening`), after any shift averaging.
   */
  readonly whitenRecords?: { readonly dataDir: string };
}

interface RunResults {
  task: 'imu' | 'acc' | 'ecg';
  mode: string;
  spec: NetworkSpec;
  parameters: number;
  onnx: { file: string; bytes: number; sha256: string; parityMaxAbs: number };
  referenceUp?: number[];
  /** Softmax temperatures fitted on validation subjects. */
  temperature?: ImuTemperatures;
  wallSeconds: number;
  options: Record<string, unknown>;
  metrics?: Record<string, unknown>;
}

/** Rate of the IMU models' input in Hz (UCI HAR's and MotionSense's). */
const IMU_RATE = 50;

const IMU_CHANNELS = [
  { name: 'ax', unit: 'g' },
  { name: 'ay', unit: 'g' },
  { name: 'az', unit: 'g' },
  { name: 'gx', unit: 'rad/s' },
  { name: 'gy', unit: 'rad/s' },
  { name: 'gz', unit: 'rad/s' },
] as const;

/**
 * Builds the manifest entry of a training run (see `models/manifest.json`): the `ModelEntry`
 * fields plus `outputs.groupLogits`, `groups`, `preprocessing.referenceUp` (IMU), `parameters`,
 * `bytes`, `license`, `training` and `metrics`.
 */
export function manifestEntry(
  r: RunResults,
  file: string,
  sha256: string,
  command?: string,
  wrap: { readonly shift?: ShiftAverage; readonly whitening?: WhiteningSummary; readonly bytes?: number } = {},
): Record<string, unknown> {
  const { shift, whitening } = wrap;
  const { inv, var: nVar, free } = r.spec.dims;
  const dim = inv + nVar + free;
  const common = {
    file,
    sha256,
    input: { name: ONNX_NAMES.input, layout: 'NCT' as const },
    windowSamples: r.spec.samples + (shift ? (shift.copies - 1) * shift.step : 0),
    ...(shift ? { shiftAverage: { copies: shift.copies, stepSamples: shift.step, encoderSamples: r.spec.samples } } : {}),
    ...(whitening ? { invMap: whitening } : {}),
    embedding: { dim, inv: [0, inv] as const, var: [inv, inv + nVar] as const, free: [inv + nVar, dim] as const },
    parameters: r.parameters,
    bytes: wrap.bytes ?? r.onnx.bytes,
    training: { mode: r.mode, command, wallSeconds: r.wallSeconds, machine: '2 shared CPU cores, tfjs wasm backend', options: r.options },
    metrics: r.metrics,
  };
  if (r.task === 'ecg') {
    return {
      ...common,
      kind: 'ecg',
      channels: [{ name: 'ecg', unit: 'mV' }],
      sampleRate: ECG_RATE,
      outputs: { embedding: ONNX_NAMES.embedding, logits: ONNX_NAMES.logits },
      classes: [...ECG_CLASSES],
      classMeaning: 'AAMI class of the most significant beat in the window (V > S > F > N)',
      preprocessing: { gravity: 'keep', bandpassHz: [...ECG_BAND], normalize: 'zscore', calibration: 'none' },
      trainedOn: 'MIT-BIH Arrhythmia Database v1.0.0, DS1 records (de Chazal 2004), lead MLII resampled to 130 Hz',
      license: 'ODC-By 1.0 (MIT-BIH Arrhythmia Database, PhysioNet); cite Moody & Mark 2001',
    };
  }
  const multi = Array.isArray(r.options?.datasets) && (r.options.datasets as string[]).includes('motionsense');
  return {
    ...common,
    kind: r.task === 'imu' ? 'imu' : 'acc',
    channels: IMU_CHANNELS.slice(0, r.spec.channels),
    sampleRate: IMU_RATE,
    outputs: { embedding: ONNX_NAMES.embedding, logits: ONNX_NAMES.logits, groupLogits: ONNX_NAMES.groupLogits },
    classes: [...UCI_HAR_LABELS],
    groups: { names: ['WALKING', 'WALKING_UPSTAIRS', 'WALKING_DOWNSTAIRS', 'STATIC'], ofClass: r.spec.groups ?? [0, 1, 2, 3, 3, 3] },
    preprocessing: { gravity: 'keep', normalize: 'none', calibration: 'orientation', referenceUp: r.referenceUp },
    ...(r.temperature ? { temperature: r.temperature } : {}),
    ...(r.options?.realism ? { acceptedRateHz: [20, 100] } : {}),
    ...(multi
      ? {
          trainedOn:
            'UCI HAR (Samsung Galaxy S II, waist; HAPT v2.1 re-derivation) training subjects and MotionSense (iPhone 6s, front trouser pocket) training subjects, validation subjects held out; total acceleration (gravity included) and gyroscope at 50 Hz, with random sensor error and 20-50 Hz band-limiting',
          license:
            'UCI HAR / HAPT: CC BY 4.0 on the UCI repository, the HAPT README says commercial use is prohibited; MotionSense: MIT (original repository; a mirror lists ODbL 1.0), cite Malekzadeh et al. 2019: check before commercial use',
        }
      : {
          trainedOn:
            'UCI HAR windows re-derived from HAPT v2.1 raw recordings, the 21 train subjects; total acceleration (gravity included) and gyroscope at 50 Hz',
          license:
            'CC BY 4.0 on the UCI repository (UCI HAR / HAPT); the HAPT README says commercial use is prohibited: check before commercial use',
        }),
  };
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Copies a training run's ONNX into the package's `models/` and, for the shipped (SCL) model,
 * writes its entry into `models/manifest.json` (other entries are kept).
 *
 * @param o - run directory, models directory, variant
 * @returns the path written
 * @throws TrainingError `E_EXPORT` when the run is incomplete or its ONNX does not match its results
 * @example
 * ```ts
 * import { shipModel } from 'scl-wear/train';
 * await shipModel({ run: 'runs/imu-scl', modelsDir: 'models' });
 * ```
 */
export async function shipModel(o: ShipOptions): Promise<string> {
  const resultsPath = join(o.run, 'results.json');
  if (!existsSync(resultsPath)) throw new TrainingError('E_EXPORT', `${resultsPath} not found: the run has not finished`);
  const r = JSON.parse(await readFile(resultsPath, 'utf8')) as RunResults;
  const bytes = await readFile(join(o.run, r.onnx.file));
  if (sha(bytes) !== r.onnx.sha256) throw new TrainingError('E_EXPORT', `${r.onnx.file} does not match the sha256 in results.json`);
  if (!(r.onnx.parityMaxAbs < 1e-4)) throw new TrainingError('E_EXPORT', `export parity ${r.onnx.parityMaxAbs} is not below 1e-4`);
  const rate = r.task === 'ecg' ? ECG_RATE : IMU_RATE;
  const shift = o.shiftAverage && { copies: o.shiftAverage.copies, step: Math.round(o.shiftAverage.stepSeconds * rate) };
  if (o.whitenRecords && r.task !== 'ecg')
    throw new TrainingError('E_EXPORT', `record whitening is for ECG encoders; this run is ${r.task}`);
  const averaged = shift ? shiftAverageOnnx(bytes, shift, r.spec.dims) : bytes;
  const whitened = o.whitenRecords ? await whitenEcgModel(averaged, o.whitenRecords.dataDir) : undefined;
  const out = whitened?.bytes ?? averaged;
  if (o.variant) {
    await mkdir(join(o.modelsDir, 'variants'), { recursive: true });
    const dest = join(o.modelsDir, 'variants', `${r.task}-${o.variant}.onnx`);
    await writeFile(dest, out);
    await copyFile(resultsPath, join(o.modelsDir, 'variants', `${r.task}-${o.variant}.results.json`));
    return dest;
  }
  await mkdir(o.modelsDir, { recursive: true });
  const file = `${r.task}.onnx`;
  await writeFile(join(o.modelsDir, file), out);
  await copyFile(resultsPath, join(o.modelsDir, `${r.task}.results.json`));
  const manifestPath = join(o.modelsDir, 'manifest.json');
  const manifest = existsSync(manifestPath)
    ? (JSON.parse(await readFile(manifestPath, 'utf8')) as { version: 1; models: Record<string, unknown> })
    : { version: 1 as const, models: {} };
  const entry = manifestEntry(r, file, sha(out), o.command, { shift, whitening: whitened?.summary, bytes: out.length });
  checkModelEntry(r.task, entry);
  manifest.models[r.task] = entry;
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return join(o.modelsDir, file);
}
