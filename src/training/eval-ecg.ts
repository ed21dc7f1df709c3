import { cosineAt } from '../scl/cosine.js';
import { latentSlice, phaseSimilarity, retrievalTop1, type DimSlice } from '../scl/metrics.js';
import { linearProbe, pairFeatures } from '../scl/probe.js';
import { ECG_SETTLE_SECONDS, type EcgRecord } from './ecg-data.js';
import { ECG_CYCLE_LIMITS, ecgCycle, ecgInput } from './ecg-task.js';
import { evaluateEcgHonest, type EcgHonestFigures } from './eval-ecg-honest.js';
import type { EcgEvalSet } from './ecg-eval-set.js';
import type { LudbRhythmSet } from './ludb-rhythm.js';
import type { OnnxModel } from './onnx-model.js';

/**
 * Picks `perRecord` evenly spaced windows in every record (after the settling time, leaving
 * room for a shift of a whole cycle and for the retrieval offset).
 *
 * @param records - test records (DS2)
 * @param length - window length in samples
 * @param perRecord - windows per record
 * @internal
 * @example
 * ```ts
 * const set = ecgEvalSet(await loadEcgSplit(dataDir, 'DS2'), 520, 40);
 * ```
 */
export function ecgEvalSet(records: readonly EcgRecord[], length: number, perRecord: number): EcgEvalSet {
  const rec: number[] = [];
  const start: number[] = [];
  const cycle: number[] = [];
  records.forEach((r, i) => {
    const first = Math.ceil(ECG_SETTLE_SECONDS * r.rate);
    const last = r.signal.length - length - Math.ceil(ECG_CYCLE_LIMITS[1] * r.rate);
    if (last < first) return;
    for (let k = 0; k < perRecord; k++) {
      const s = first + Math.floor(((last - first) * (k + 0.5)) / perRecord);
      rec.push(i);
      start.push(s);
      cycle.push(ecgCycle(r, s, length));
    }
  });
  return { records, length, record: Uint16Array.from(rec), start: Int32Array.from(start), cycle: Float64Array.from(cycle) };
}

/** ECG figures of one model (similarities are cosines, retrieval and R² fractions). */
export interface EcgEvaluation {
  readonly model: string;
  readonly windows: number;
  readonly records: number;
  /** Shift grid as fractions of the local cardiac cycle. */
  readonly fractions: number[];
  /** On z_inv (or on the whole z when d_inv = 0). */
  readonly similarity: { meanCurve: number[]; minCurve: number[]; mean: number; min: number; worst: number };
  /** Mean cosine of z_inv between windows of different records: the contrast the similarity must beat. */
  readonly otherRecords: number;
  /** Same on the whole embedding z (what a plain encoder's users would compare). */
  readonly similarityFullZ: { mean: number; min: number };
  /** Shift-robust retrieval top-1 (window cut `retrievalShift` s later vs all unshifted windows). */
  readonly retrievalTop1: number;
  readonly retrievalShift: number;
  /** R² of linear probes predicting the shift (fraction of the cycle) from pair features of z(x), z(x shifted). */
  readonly probe: { var: number; inv: number };
  /** Mean cosine distance of z_inv and z_var between a window and its shifted views over the grid (want inv ≈ 0, var large). */
  readonly transformDistance: { inv: number; var: number };
  /** Per-window, centred, cross-half and probe figures (see {@link evaluateEcgHonest}). */
  readonly honest: EcgHonestFigures;
}

const round = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;

/**
 * Runs the ECG evidence for one encoder: phase-similarity curve over one cardiac cycle, its
 * mean and minimum, shift-robust retrieval and the variant probe.
 *
 * @param enc - the encoder
 * @param set - test windows (see {@link ecgEvalSet})
 * @param steps - points of the shift grid over [0, 1] cycle (default 21)
 * @param retrievalShift - offset of the retrieval queries in seconds (default 0.4)
 * @param rhythm - LUDB windows for the rhythm probe (optional)
 * @internal
 * @example
 * ```ts
 * const figures = await evaluateEcg(await loadOnnxModel('models/ecg.onnx'), set);
 * ```
 */
export async function evaluateEcg(
  enc: OnnxModel,
  set: EcgEvalSet,
  steps = 21,
  retrievalShift = 0.4,
  rhythm?: LudbRhythmSet,
): Promise<EcgEvaluation> {
  const n = set.start.length;
  const L = set.length;
  const dim = enc.dims.inv + enc.dims.var + enc.dims.free;
  const fractions = Array.from({ length: steps }, (_, k) => k / (steps - 1));
  const base = new Float32Array(n * L);
  const shifted = new Float32Array(n * steps * L);
  const later = new Float32Array(n * L);
  for (let w = 0; w < n; w++) {
    const r = set.records[set.record[w]!]!;
    ecgInput(r, set.start[w]!, 0, L, base, w * L);
    ecgInput(r, set.start[w]!, Math.round(retrievalShift * r.rate), L, later, w * L);
    for (let k = 0; k < steps; k++) ecgInput(r, set.start[w]!, Math.round(fractions[k]! * set.cycle[w]!), L, shifted, (w * steps + k) * L);
  }
  const zBase = (await enc.run(base, n)).z;
  const zShift = (await enc.run(shifted, n * steps)).z;
  const zLater = (await enc.run(later, n)).z;
  const full: DimSlice = { offset: 0, length: dim };
  const inv = enc.dims.inv > 0 ? latentSlice(enc.dims, 'inv') : full;
  const sim = phaseSimilarity(zBase, zShift, n, steps, dim, inv);
  const simFull = phaseSimilarity(zBase, zShift, n, steps, dim, full);
  const probe = (slice: DimSlice): number => {
    if (slice.length === 0) return NaN;
    const rows = n * steps;
    const features = new Float32Array(rows * slice.length * 2);
    const target = new Float64Array(rows);
    const isTrain = new Uint8Array(rows);
    for (let w = 0; w < n; w++) {
      for (let k = 0; k < steps; k++) {
        const row = w * steps + k;
        pairFeatures(zBase, w * dim + slice.offset, zShift, row * dim + slice.offset, slice.length, features, row * 2 * slice.length);
        target[row] = fractions[k]!;
        isTrain[row] = set.record[w]! % 2 === 0 ? 1 : 0; // fit on half the records, score on the rest
      }
    }
    if (isTrain.every((v) => v === isTrain[0])) for (let row = 0; row < rows; row++) isTrain[row] = Math.floor(row / steps) % 2; // one record: alternate windows
    return linearProbe({ features, rows, dim: 2 * slice.length, isTrain }, target).r2;
  };
  let other = 0;
  let pairs = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      if (set.record[a] === set.record[b]) continue;
      other += cosineAt(zBase, a * dim + inv.offset, zBase, b * dim + inv.offset, inv.length);
      pairs++;
    }
  }
  const honest = await evaluateEcgHonest(enc, set, zBase, zShift, fractions, rhythm);
  return {
    honest,
    model: enc.name,
    windows: n,
    records: new Set(set.record).size,
    fractions,
    similarity: {
      meanCurve: Array.from(sim.meanCurve, (v) => round(v)),
      minCurve: Array.from(sim.minCurve, (v) => round(v)),
      mean: round(sim.mean),
      min: round(sim.min),
      worst: round(sim.worst),
    },
    otherRecords: round(pairs ? other / pairs : NaN),
    similarityFullZ: { mean: round(simFull.mean), min: round(simFull.min) },
    retrievalTop1: round(retrievalTop1(zLater, set.record, zBase, set.record, dim, inv)),
    retrievalShift,
    probe: { var: round(probe(latentSlice(enc.dims, 'var'))), inv: round(probe(latentSlice(enc.dims, 'inv'))) },
    transformDistance: {
      inv: enc.dims.inv ? round(1 - sim.mean) : NaN,
      var: enc.dims.var ? round(1 - phaseSimilarity(zBase, zShift, n, steps, dim, latentSlice(enc.dims, 'var')).mean) : NaN,
    },
  };
}
