import { TrainingError } from '../errors.js';
import type { EmbeddingResult } from '../model/encoder.js';
import { createRng } from '../core/random.js';

/**
 * Labelled feature vectors to train a head on.
 *
 * @example
 * ```ts
 * import { fineTune, type FineTuneExamples } from 'scl-wear';
 * import { featuresOf } from 'scl-wear/advanced';
 * const { x, dim } = featuresOf(await encoder.embed(windows)); // windows labelled by the user
 * const examples: FineTuneExamples = { dim, x, classes: ['walk', 'run'], y: Uint16Array.from(labelIndices) };
 * await fineTune(db, examples, { model: 'imu' });
 * ```
 */
export interface FineTuneExamples {
  /** Features per example. */
  readonly dim: number;
  /** Class names; `y` indexes into this list. */
  readonly classes: readonly string[];
  /** Features, row-major, `n × dim`. */
  readonly x: Float32Array;
  /** Class index per example. */
  readonly y: Uint16Array;
}

/**
 * Which embedding groups make the head's input, in order.
 *
 * @example
 * ```ts
 * import { fineTune, type FeatureParts } from 'scl-wear';
 * import { featuresOf } from 'scl-wear/advanced';
 * const parts: FeatureParts = ['inv'];
 * const { x, dim } = featuresOf(results, parts);
 * await fineTune(db, { dim, x, classes, y }, { model: 'imu', parts });
 * ```
 */
export type FeatureParts = readonly ('inv' | 'var' | 'free')[];

/**
 * The default head input: the invariant and free dimensions (what the built-in head reads).
 *
 * @example
 * ```ts
 * import { featuresOf, DEFAULT_PARTS } from 'scl-wear/advanced';
 * const { x, dim } = featuresOf(results, DEFAULT_PARTS);
 * ```
 */
export const DEFAULT_PARTS: FeatureParts = ['inv', 'free'];

/**
 * Concatenates the chosen embedding groups of each result into one row per result.
 *
 * @param results - encoder outputs
 * @param parts - groups to use, in order; default `['inv', 'free']`
 * @returns features, `results.length × dim`, and `dim`
 * @example
 * ```ts
 * import { featuresOf } from 'scl-wear/advanced';
 * const { x, dim } = featuresOf(await encoder.embed(windows));
 * ```
 */
export function featuresOf(results: readonly EmbeddingResult[], parts: FeatureParts = DEFAULT_PARTS): { x: Float32Array; dim: number } {
  const first = results[0];
  const dim = first ? parts.reduce((n, p) => n + first[p].length, 0) : 0;
  const x = new Float32Array(results.length * dim);
  results.forEach((r, i) => {
    let o = i * dim;
    for (const p of parts) {
      x.set(r[p], o);
      o += r[p].length;
    }
  });
  return { x, dim };
}

/**
 * Checks examples before training.
 *
 * @param ex - the examples
 * @throws TrainingError `E_DATA` when there are none, shapes disagree, a value is not finite,
 *   a label is out of range or a class has no example
 */
export function checkExamples(ex: FineTuneExamples): void {
  const n = ex.y.length;
  const fail = (msg: string, details?: Record<string, unknown>): never => {
    throw new TrainingError('E_DATA', msg, details ? { details } : {});
  };
  if (n === 0 || ex.dim <= 0) fail('no examples to train on');
  if (ex.x.length !== n * ex.dim) fail(`features hold ${ex.x.length} values for ${n} examples of ${ex.dim}`);
  if (ex.classes.length < 2) fail('a classifier needs at least two classes', { classes: ex.classes });
  for (let i = 0; i < ex.x.length; i++)
    if (!Number.isFinite(ex.x[i]!)) fail(`feature ${i % ex.dim} of example ${Math.floor(i / ex.dim)} is not finite`);
  const counts = new Array<number>(ex.classes.length).fill(0);
  for (let i = 0; i < n; i++) {
    if (ex.y[i]! >= ex.classes.length) fail(`example ${i} has class index ${ex.y[i]} of ${ex.classes.length}`);
    counts[ex.y[i]!]!++;
  }
  const missing = ex.classes.filter((_, c) => counts[c] === 0);
  if (missing.length) fail(`no examples of ${missing.join(', ')}`, { missing });
}

/**
 * Splits examples into training and held-out sets, per class (stratified) and seeded: about
 * `fraction` of each class is held out, keeping at least one training example per class.
 *
 * @param y - class index per example
 * @param classes - number of classes
 * @param fraction - share held out, in [0, 1)
 * @param seed - shuffling seed
 */
export function splitHoldout(y: Uint16Array, classes: number, fraction: number, seed: number): { train: Int32Array; holdout: Int32Array } {
  const rng = createRng(seed);
  const train: number[] = [];
  const holdout: number[] = [];
  for (let c = 0; c < classes; c++) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === c) idx.push(i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    const nHold = Math.min(Math.round(idx.length * fraction), idx.length - 1);
    holdout.push(...idx.slice(0, nHold));
    train.push(...idx.slice(nHold));
  }
  const sorted = (a: number[]) => Int32Array.from(a.sort((p, q) => p - q));
  return { train: sorted(train), holdout: sorted(holdout) };
}

/**
 * Per-feature mean and standard deviation over some rows (std floored at 1e-6).
 *
 * @param x - features, row-major
 * @param dim - features per row
 * @param rows - rows to use
 */
export function featureStats(x: Float32Array, dim: number, rows: Int32Array): { mean: Float32Array; std: Float32Array } {
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (const r of rows) for (let j = 0; j < dim; j++) mean[j]! += x[r * dim + j]!;
  for (let j = 0; j < dim; j++) mean[j]! /= rows.length;
  for (const r of rows) for (let j = 0; j < dim; j++) sq[j]! += (x[r * dim + j]! - mean[j]!) ** 2;
  const std = Float32Array.from(sq, (s) => Math.max(Math.sqrt(s / rows.length), 1e-6));
  return { mean: Float32Array.from(mean), std };
}

/**
 * Copies rows of `x`, standardised with `(x − mean) / std`, into a new array.
 *
 * @param x - features, row-major
 * @param dim - features per row
 * @param rows - rows to copy, in order
 * @param stats - mean and std per feature
 */
export function standardRows(
  x: Float32Array,
  dim: number,
  rows: Int32Array,
  stats: { mean: Float32Array; std: Float32Array },
): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    for (let j = 0; j < dim; j++) out[i * dim + j] = (x[r * dim + j]! - stats.mean[j]!) / stats.std[j]!;
  });
  return out;
}
