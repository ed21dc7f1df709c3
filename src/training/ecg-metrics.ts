import * as tf from '@tensorflow/tfjs';
import { shiftGrid } from '../scl/cycle.js';
import { phaseSimilarity, retrievalTop1 } from '../scl/metrics.js';
import type { EcgRecord } from './ecg-data.js';
import { ecgCycle, ecgInput, ecgWindowIndex } from './ecg-task.js';
import { forward } from './forward.js';
import type { NetworkParams, NetworkSpec } from './networks.js';

/** Quick test-set figures of an ECG training run. */
export interface EcgQuickMetrics {
  /** Mean over the shift grid (one cardiac cycle) of the mean z_inv cosine similarity. */
  phaseMean: number;
  /** Minimum over the grid of the mean similarity. */
  phaseMin: number;
  /** The mean curve, one value per shift step. */
  phaseCurve: number[];
  /** Top-1 record retrieval (%) of windows cut 0.4 s later among all unshifted windows. */
  retrievalTop1: number;
  /** The same figures on the whole z (all dims), for comparison. */
  phaseMeanAllDims: number;
  retrievalTop1AllDims: number;
  windows: number;
  shifts: number;
}

function embed(spec: NetworkSpec, p: NetworkParams, x: Float32Array, count: number): Float32Array {
  const d = spec.dims.inv + spec.dims.var + spec.dims.free;
  const z = new Float32Array(count * d);
  for (let s = 0; s < count; s += 256) {
    const n = Math.min(256, count - s);
    tf.tidy(() =>
      z.set(forward(spec, p, tf.tensor3d(x.subarray(s * spec.samples, (s + n) * spec.samples), [n, 1, spec.samples])).z.dataSync(), s * d),
    );
  }
  return z;
}

/**
 * Phase-shift similarity (real offsets over one cardiac cycle, `shifts` grid steps) and
 * shift-robust record retrieval on test records, with `perRecord` windows from each record.
 *
 * @param spec - the architecture
 * @param p - trained weights
 * @param records - test records (DS2)
 * @param perRecord - windows per record (evenly spaced)
 * @param shifts - steps of the shift grid
 */
export function ecgQuickMetrics(
  spec: NetworkSpec,
  p: NetworkParams,
  records: readonly EcgRecord[],
  perRecord = 20,
  shifts = 21,
): EcgQuickMetrics {
  const L = spec.samples;
  const index = ecgWindowIndex(records, L, L);
  const picks: number[] = [];
  records.forEach((_, r) => {
    const mine: number[] = [];
    for (let w = 0; w < index.record.length; w++) if (index.record[w] === r) mine.push(w);
    for (let k = 0; k < perRecord && mine.length; k++) picks.push(mine[Math.floor(((k + 0.5) * mine.length) / perRecord)]!);
  });
  const n = picks.length;
  const base = new Float32Array(n * L);
  const later = new Float32Array(n * L);
  const shifted = new Float32Array(n * shifts * L);
  const group = new Int32Array(n);
  const grid = new Int32Array(shifts);
  picks.forEach((w, i) => {
    const rec = records[index.record[w]!]!;
    const start = index.start[w]!;
    group[i] = index.record[w]!;
    ecgInput(rec, start, 0, L, base, i * L);
    ecgInput(rec, start, Math.round(0.4 * rec.rate), L, later, i * L);
    shiftGrid(ecgCycle(rec, start, L), shifts, grid);
    for (let s = 0; s < shifts; s++) ecgInput(rec, start, grid[s]!, L, shifted, (i * shifts + s) * L);
  });
  const d = spec.dims.inv + spec.dims.var + spec.dims.free;
  const zb = embed(spec, p, base, n);
  const zl = embed(spec, p, later, n);
  const zs = embed(spec, p, shifted, n * shifts);
  const inv = { offset: 0, length: spec.dims.inv || d };
  const all = { offset: 0, length: d };
  const ph = phaseSimilarity(zb, zs, n, shifts, d, inv);
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  return {
    phaseMean: r3(ph.mean),
    phaseMin: r3(ph.min),
    phaseCurve: Array.from(ph.meanCurve, r3),
    retrievalTop1: r3(100 * retrievalTop1(zl, group, zb, group, d, inv)),
    phaseMeanAllDims: r3(phaseSimilarity(zb, zs, n, shifts, d, all).mean),
    retrievalTop1AllDims: r3(100 * retrievalTop1(zl, group, zb, group, d, all)),
    windows: n,
    shifts,
  };
}
