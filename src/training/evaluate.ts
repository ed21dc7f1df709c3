import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelError, TrainingError } from '../errors.js';
import { readUciHar } from '../io/ucihar.js';
import { ECG_RATE, loadEcgSplit } from './ecg-data.js';
import { ecgEvalSet, evaluateEcg, type EcgEvaluation } from './eval-ecg.js';
import { loadLudbRhythm } from './ludb-rhythm.js';
import { evaluateImu, type ImuEvalSet, type ImuEvaluation } from './eval-imu.js';
import { IMU_INPUT, loadImuWindows, referenceUp } from './imu-data.js';
import { renderCard, type CardInput } from './model-card.js';
import { loadOnnxModel, type OnnxModel } from './onnx-model.js';

/**
 * Options of {@link evaluateModels} (the `scl-wear evaluate` flags).
 *
 * @example
 * ```ts
 * import { evaluateModels } from 'scl-wear/train';
 * const written = await evaluateModels({ model: 'ecg', dataDir: '../shared/data', modelsDir: 'models', outDir: 'cards', perRecord: 20 });
 * ```
 */
export interface EvaluateOptions {
  /** Which shipped model to evaluate. */
  readonly model: 'ecg' | 'imu' | 'acc';
  /** Dataset directory holding `mitdb/` and `uci-har/`. */
  readonly dataDir: string;
  /** Directory holding `<model>.onnx`, `manifest.json` and `variants/`. Default `models`. */
  readonly modelsDir?: string;
  /** Where the card, figures and JSON go. Default `<modelsDir>/cards`. */
  readonly outDir?: string;
  /** Models to compare, label → `.onnx` path. Default: plain, aug and SCL files found (see docs). */
  readonly variants?: readonly (readonly [label: string, path: string])[];
  /** Directories of ablation runs (`results.json` each) to tabulate. */
  readonly ablations?: string;
  /** Latent split for files that do not record it. */
  readonly dims?: { inv: number; var: number; free: number };
  /** ECG: test windows per DS2 record (default 40). */
  readonly perRecord?: number;
  /** ECG: DS2 records to use (default all). */
  readonly records?: readonly string[];
  /** IMU: rotations per window (default 10). */
  readonly rotations?: number;
  /** IMU: reference up direction (default from the model or the train split). */
  readonly up?: readonly number[];
  /** IMU: seed of the test rotations. */
  readonly seed?: number;
}

/**
 * Default comparison set of a task, the files that exist of `variants/<task>-plain.onnx`,
 * `variants/<task>-aug.onnx` and `<task>.onnx` (SCL, shipped), as `[label, path]` pairs.
 *
 * @param modelsDir - the models directory
 * @param task - `ecg`, `imu` or `acc`
 * @internal
 * @example
 * ```ts
 * defaultVariants('models', 'imu'); // [['plain baseline', 'models/variants/imu-plain.onnx'], ...]
 * ```
 */
export function defaultVariants(modelsDir: string, task: string): [string, string][] {
  const list: [string, string][] = [
    ['plain baseline', join(modelsDir, 'variants', `${task}-plain.onnx`)],
    ['augmentation baseline', join(modelsDir, 'variants', `${task}-aug.onnx`)],
    ['SCL (shipped)', join(modelsDir, `${task}.onnx`)],
  ];
  return list.filter(([, p]) => existsSync(p));
}

async function readAblations(dir: string | undefined): Promise<Record<string, unknown>[]> {
  if (!dir) return [];
  const rows: Record<string, unknown>[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const file = join(dir, name, 'results.json');
    if (existsSync(file)) rows.push({ run: name, ...(JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>) });
  }
  return rows;
}

/**
 * Reads the UCI HAR test split as model input (total acc x/y/z, then gyro x/y/z for `imu`),
 * with classes 0..5 and the recording session (experiment) of every window.
 *
 * @param dataDir - directory holding `uci-har/`
 * @param task - `imu` (6 channels) or `acc` (3)
 * @throws FormatError `E_IO` for missing files, `E_TRUNCATED` when the arrays disagree in size
 * @example
 * ```ts
 * import { loadImuEvalSet } from 'scl-wear/train';
 * const test = await loadImuEvalSet('../shared/data', 'acc'); // 2996 windows of 3 × 128
 * ```
 */
export async function loadImuEvalSet(dataDir: string, task: 'imu' | 'acc'): Promise<ImuEvalSet> {
  const raw = await readUciHar(join(dataDir, 'uci-har'), 'test');
  const chans = IMU_INPUT[task];
  const S = raw.samples;
  const x = new Float32Array(raw.count * chans.length * S);
  for (let w = 0; w < raw.count; w++) {
    chans.forEach((ch, c) => x.set(raw.x.subarray((w * 9 + ch) * S, (w * 9 + ch + 1) * S), (w * chans.length + c) * S));
  }
  return {
    count: raw.count,
    channels: chans.length,
    samples: S,
    x,
    y: raw.y.map((v) => v - 1),
    subject: raw.subject,
    session: raw.experiment,
  };
}

/**
 * Evaluates the plain baseline, augmentation baseline and SCL model of one task on its test
 * data (ECG: MIT-BIH DS2; IMU/acc: UCI HAR test subjects) through onnxruntime, and writes the
 * model card `<out>/<task>.md`, its SVG figures and `<out>/<task>-eval.json`.
 *
 * @param o - task, directories, variants
 * @returns the paths written
 * @throws TrainingError `E_DATA` when no model file is found; ModelError `E_MODEL_SPEC` when a
 *   model's input does not fit the task; ModelError and FormatError from loading models and data
 * @example
 * ```ts
 * import { evaluateModels } from 'scl-wear/train';
 * await evaluateModels({ model: 'imu', dataDir: '../shared/data' }); // models/cards/imu.md
 * ```
 */
export async function evaluateModels(o: EvaluateOptions): Promise<string[]> {
  const modelsDir = o.modelsDir ?? 'models';
  const outDir = o.outDir ?? join(modelsDir, 'cards');
  const variants = o.variants ?? defaultVariants(modelsDir, o.model);
  if (variants.length === 0)
    throw new TrainingError(
      'E_DATA',
      `no ${o.model} model found in ${modelsDir} (expected ${o.model}.onnx or variants/${o.model}-plain.onnx...)`,
    );
  const encoders: [string, OnnxModel][] = [];
  for (const [label, path] of variants) encoders.push([label, await loadOnnxModel(path, o.dims)]);
  const want = { ecg: 1, imu: 6, acc: 3 }[o.model];
  for (const [label, e] of encoders) {
    if (e.channels !== want || e.samples !== encoders[0]![1].samples) {
      throw new ModelError(
        'E_MODEL_SPEC',
        `${label} (${e.name}) reads ${e.channels} × ${e.samples}; the ${o.model} task needs ${want} channels and the same window as the other models`,
        {
          details: { model: e.name, channels: e.channels, samples: e.samples },
        },
      );
    }
  }
  const started = performance.now();
  let results: (EcgEvaluation | ImuEvaluation)[];
  let extra: Partial<CardInput> = {};
  if (o.model === 'ecg') {
    const rate = Number(encoders[0]![1].metadata.rate ?? ECG_RATE);
    const records = await loadEcgSplit(o.dataDir, 'DS2', { rate, records: o.records });
    const set = ecgEvalSet(records, encoders[0]![1].samples, o.perRecord ?? 40);
    const rhythm = await loadLudbRhythm(o.dataDir, rate, encoders[0]![1].samples);
    results = [];
    for (const [, enc] of encoders) results.push(await evaluateEcg(enc, set, 21, 0.4, rhythm));
    const shift = new Set(encoders.map(([, e]) => e.metadata.shift_average));
    const sa = shift.size === 1 ? [...shift][0] : undefined;
    const maps = encoders.map(([, e]) => e.metadata.inv_map);
    const map = maps.every((m) => m) ? (JSON.parse(maps[0]!) as CardInput['invMap']) : undefined;
    extra = { ...(sa ? { shiftAverage: JSON.parse(sa) as CardInput['shiftAverage'] } : {}), ...(map ? { invMap: map } : {}) };
  } else {
    const set = await loadImuEvalSet(o.dataDir, o.model);
    const meta = encoders.map(([, e]) => e.metadata.reference_up).find((u) => u);
    const up = o.up ?? (meta ? (JSON.parse(meta) as number[]) : referenceUp(await loadImuWindows(o.dataDir, 'train', o.model)));
    results = [];
    for (const [, enc] of encoders) results.push(await evaluateImu(enc, set, { up, rotations: o.rotations, seed: o.seed }));
    extra = { up };
  }
  await Promise.all(encoders.map(([, e]) => e.release()));
  const manifestPath = join(modelsDir, 'manifest.json');
  const manifest = existsSync(manifestPath)
    ? (JSON.parse(await readFile(manifestPath, 'utf8')) as { models?: Record<string, unknown> })
    : undefined;
  const card: CardInput = {
    task: o.model,
    labels: variants.map(([l]) => l),
    files: variants.map(([, p]) => p),
    modes: encoders.map(([, e]) => e.mode ?? 'unknown'),
    dims: encoders.map(([, e]) => e.dims),
    results,
    ablations: await readAblations(o.ablations),
    manifestEntry: manifest?.models?.[o.model],
    seconds: Math.round((performance.now() - started) / 1000),
    ...extra,
  };
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of renderCard(card)) {
    await writeFile(join(outDir, name), text);
    written.push(join(outDir, name));
  }
  const json = join(outDir, `${o.model}-eval.json`);
  await writeFile(json, JSON.stringify({ ...card, ablations: undefined }, null, 2) + '\n');
  return [...written, json];
}
