import { createRng } from '../core/random.js';
import { InputError, TrainingError } from '../errors.js';
import { ECG_SETTLE_SECONDS, type EcgRecord } from './ecg-data.js';
import { ecgCycle, ecgInput } from './ecg-task.js';
import type { OnnxModel } from './onnx-model.js';
import { symmetricEigen } from './symmetric-eigen.js';

/**
 * Settings of {@link fitRecordWhitening}, with the defaults the shipped ECG model was wrapped with
 * (chosen on MIT-BIH DS1, see docs/ecg.md).
 *
 * @example
 * ```ts
 * import type { RecordWhiteningOptions } from 'scl-wear/train';
 * const o: RecordWhiteningOptions = { alpha: 0.03, shiftWeight: 16 };
 * ```
 */
export interface RecordWhiteningOptions {
  /** Ridge added to the scatter, as a fraction of its mean eigenvalue (default 0.03). */
  readonly alpha?: number;
  /** Weight of the scatter between a window and its view cut up to one beat earlier (default 16). */
  readonly shiftWeight?: number;
  /** Windows drawn per long record (default 200); a record of a few windows gives what it has. */
  readonly perRecord?: number;
  /** Windows per short record (default 3, evenly spaced). */
  readonly perShortRecord?: number;
  /** Seed of the window draw (default 1). */
  readonly seed?: number;
}

/**
 * An affine map of z_inv, `z' = matrix · (z − mean)`, fitted by {@link fitRecordWhitening}.
 *
 * @example
 * ```ts
 * import type { RecordWhitening } from 'scl-wear/train';
 * const apply = (w: RecordWhitening, z: Float32Array) =>
 *   Array.from({ length: w.mean.length }, (_, i) => w.mean.reduce((s, m, j) => s + w.matrix[i * w.mean.length + j]! * (z[j]! - m), 0));
 * ```
 */
export interface RecordWhitening {
  /** Mean z_inv of the fitting windows. */
  readonly mean: Float32Array;
  /** Row-major `dims × dims` map. */
  readonly matrix: Float32Array;
  /** Windows and records it was fitted on. */
  readonly windows: number;
  readonly records: number;
}

interface Draw {
  rec: number;
  start: number;
  shifted: number;
}

/** Window starts of one record: `per` at random in long records, evenly spaced in short ones. */
function draws(recs: readonly EcgRecord[], L: number, per: number, perShort: number, rng: ReturnType<typeof createRng>): Draw[] {
  const out: Draw[] = [];
  recs.forEach((r, rec) => {
    const settle = Math.ceil(ECG_SETTLE_SECONDS * r.rate);
    const long = r.signal.length - L - settle > 20 * r.rate;
    const lo = long ? settle : 0;
    const hi = r.signal.length - L;
    if (hi <= lo) return;
    const n = long ? per : perShort;
    for (let k = 0; k < n; k++) {
      const start = Math.floor(lo + (long ? rng.next() : (k + 0.5) / n) * (hi - lo));
      const cycle = ecgCycle(r, start, L);
      out.push({ rec, start, shifted: Math.max(0, start - Math.round(rng.next() * cycle)) });
    }
  });
  return out;
}

/**
 * Fits a within-record whitening of an ECG encoder's z_inv: the map that makes the spread of
 * windows of one record (over time, and between a window and its view cut up to one beat earlier,
 * weighted by `shiftWeight`) the same in every direction. Cosines after it weigh what tells
 * records apart against what changes within a record, instead of against the overall spread.
 * Each entry of `sets` is one group of records (a database); records are told apart within it.
 *
 * @param enc - the encoder (its z_inv is the first `dims.inv` dimensions)
 * @param sets - training records, one list per database
 * @param o - settings
 * @throws InputError `E_ARGUMENT` for a negative `alpha` or `shiftWeight`;
 *   TrainingError `E_DATA` with fewer than 2 records or a degenerate scatter
 * @example
 * ```ts
 * import { fitRecordWhitening, loadEcgSplit, loadOnnxModel } from 'scl-wear/train';
 * const enc = await loadOnnxModel('models/ecg.onnx');
 * const w = await fitRecordWhitening(enc, [await loadEcgSplit('../shared/data', 'DS1')]);
 * ```
 */
export async function fitRecordWhitening(
  enc: OnnxModel,
  sets: readonly (readonly EcgRecord[])[],
  o: RecordWhiteningOptions = {},
): Promise<RecordWhitening> {
  const alpha = o.alpha ?? 0.03;
  const shiftWeight = o.shiftWeight ?? 16;
  if (!(alpha >= 0) || !(shiftWeight >= 0)) {
    throw new InputError('E_ARGUMENT', `alpha and shiftWeight must be non-negative; got ${alpha}, ${shiftWeight}`);
  }
  const D = enc.dims.inv;
  const dim = D + enc.dims.var + enc.dims.free;
  const L = enc.samples;
  const rng = createRng(o.seed ?? 1);
  const within = new Float64Array(D * D);
  const shift = new Float64Array(D * D);
  const total = new Float64Array(D);
  let windows = 0;
  let records = 0;
  for (const recs of sets) {
    const d = draws(recs, L, o.perRecord ?? 200, o.perShortRecord ?? 3, rng);
    const x = new Float32Array(d.length * L);
    const xs = new Float32Array(d.length * L);
    d.forEach((w, i) => {
      ecgInput(recs[w.rec]!, w.start, 0, L, x, i * L);
      ecgInput(recs[w.rec]!, w.shifted, 0, L, xs, i * L);
    });
    const z = (await enc.run(x, d.length)).z;
    const zs = (await enc.run(xs, d.length)).z;
    const mean = new Float64Array(recs.length * D);
    const count = new Float64Array(recs.length);
    d.forEach((w, i) => {
      count[w.rec]!++;
      for (let j = 0; j < D; j++) mean[w.rec * D + j]! += z[i * dim + j]!;
    });
    for (let r = 0; r < recs.length; r++) for (let j = 0; j < D && count[r]! > 0; j++) mean[r * D + j]! /= count[r]!;
    records += count.filter((c) => c > 0).length;
    const e = new Float64Array(D);
    const v = new Float64Array(D);
    d.forEach((w, i) => {
      for (let a = 0; a < D; a++) {
        e[a] = z[i * dim + a]! - mean[w.rec * D + a]!;
        v[a] = (z[i * dim + a]! - zs[i * dim + a]!) / Math.SQRT2;
        total[a]! += z[i * dim + a]!;
      }
      for (let a = 0; a < D; a++) {
        for (let b = 0; b < D; b++) {
          within[a * D + b]! += e[a]! * e[b]!;
          shift[a * D + b]! += v[a]! * v[b]!;
        }
      }
    });
    windows += d.length;
  }
  if (records < 2) throw new TrainingError('E_DATA', `record whitening needs at least 2 records; got ${records}`);
  const s = new Float64Array(D * D);
  for (let i = 0; i < D * D; i++) s[i] = (within[i]! + shiftWeight * shift[i]!) / windows;
  let trace = 0;
  for (let a = 0; a < D; a++) trace += s[a * D + a]!;
  for (let a = 0; a < D; a++) s[a * D + a]! += (alpha * trace) / D;
  const { values, vectors } = symmetricEigen(s, D);
  if (!values.every((v) => v > 1e-12 * trace))
    throw new TrainingError('E_DATA', 'record whitening: the within-record scatter is degenerate');
  const matrix = new Float32Array(D * D);
  for (let a = 0; a < D; a++) {
    for (let b = 0; b < D; b++) {
      let acc = 0;
      for (let k = 0; k < D; k++) acc += (vectors[a * D + k]! * vectors[b * D + k]!) / Math.sqrt(values[k]!);
      matrix[a * D + b] = acc;
    }
  }
  return { mean: Float32Array.from(total, (t) => t / windows), matrix, windows, records };
}
