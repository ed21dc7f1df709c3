import { cosineAt } from '../scl/cosine.js';
import { latentSlice, retrievalTop1, type DimSlice } from '../scl/metrics.js';
import { linearProbe } from '../scl/probe.js';
import { balancedProbe, groupSplit } from './balanced-probe.js';
import { ECG_SETTLE_SECONDS, windowClass, type EcgRecord } from './ecg-data.js';
import { ecgInput, ecgPhase } from './ecg-task.js';
import type { EcgEvalSet } from './ecg-eval-set.js';
import { LUDB_RHYTHMS, type LudbRhythmSet } from './ludb-rhythm.js';
import { ludbProbeGroup } from './ludb-split.js';
import type { OnnxModel } from './onnx-model.js';

/** Figures that a mean over windows cannot flatter (see {@link evaluateEcgHonest}). */
export interface EcgHonestFigures {
  /** Centred cosine of z_inv (test-set mean embedding subtracted), window vs its shifted views. */
  readonly invariance: { mean: number; p5: number; worst: number; rawP5: number };
  /** Same centred figures on the whole z. */
  readonly invarianceFullZ: { mean: number; p5: number };
  /** Centred mean cosine of z_inv between windows of different records. */
  readonly otherRecordsCentred: number;
  /** Cross-half record retrieval top-1 (fraction): z_inv, whole z and the DFT-magnitude baseline. */
  readonly crossHalf: { inv: number; full: number; spectral: number; queries: number };
  /** R² of a linear probe reading the cardiac phase (cos, sin) from one window's z_var / z_inv. */
  readonly phaseProbe: { var: number; inv: number };
  /** Balanced accuracy (N, S, V) of a linear probe on z_inv / whole z, inter-patient. */
  readonly beatProbe: { inv: number; full: number; windows: number };
  /** Balanced accuracy of a rhythm probe (sinus, AF, other) on LUDB lead II, by subject; NaN without LUDB. */
  readonly rhythmProbe: { inv: number; full: number; windows: number };
}

const round = (v: number, d = 4) => Math.round(v * 10 ** d) / 10 ** d;

/** Copies a slice of every row and subtracts the slice's mean over the rows of `ref`. */
function centred(z: Float32Array, rows: number, dim: number, s: DimSlice, ref: Float32Array, refRows: number): Float32Array {
  const mu = new Float64Array(s.length);
  for (let r = 0; r < refRows; r++) for (let j = 0; j < s.length; j++) mu[j] = mu[j]! + ref[r * dim + s.offset + j]! / refRows;
  const out = new Float32Array(rows * s.length);
  for (let r = 0; r < rows; r++) for (let j = 0; j < s.length; j++) out[r * s.length + j] = z[r * dim + s.offset + j]! - mu[j]!;
  return out;
}

function quantile(v: number[], q: number): number {
  const s = v.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

/** |DFT| of each window at 0.5–40 Hz (the band of the model input): the non-learned baseline. */
export function dftMagnitude(x: Float32Array, count: number, length: number, rate: number): Float32Array {
  const k0 = Math.ceil((0.5 * length) / rate);
  const k1 = Math.floor((40 * length) / rate);
  const bins = k1 - k0 + 1;
  const out = new Float32Array(count * bins);
  const cos = new Float64Array(length);
  const sin = new Float64Array(length);
  for (let k = k0; k <= k1; k++) {
    for (let t = 0; t < length; t++) {
      cos[t] = Math.cos((2 * Math.PI * k * t) / length);
      sin[t] = Math.sin((2 * Math.PI * k * t) / length);
    }
    for (let w = 0; w < count; w++) {
      let re = 0;
      let im = 0;
      for (let t = 0; t < length; t++) {
        const v = x[w * length + t]!;
        re += v * cos[t]!;
        im -= v * sin[t]!;
      }
      out[w * bins + k - k0] = Math.hypot(re, im);
    }
  }
  return out;
}

function crossHalfSet(records: readonly EcgRecord[], length: number, per: number) {
  const q: [number, number][] = [];
  const g: [number, number][] = [];
  records.forEach((r, i) => {
    const first = Math.ceil(ECG_SETTLE_SECONDS * r.rate);
    const half = Math.floor(r.signal.length / 2);
    if (half - length <= first) return;
    for (let k = 0; k < per; k++) {
      q.push([i, first + Math.floor(((half - length - first) * (k + 0.5)) / per)]);
      g.push([i, half + Math.floor(((r.signal.length - length - half) * (k + 0.5)) / per)]);
    }
  });
  return { q, g };
}

/**
 * The honest ECG figures of one encoder: per-window invariance (5th percentile and worst, on
 * centred cosines), record retrieval across a record's halves (queries from its first half,
 * gallery from its second, so no window shares a sample with its match) against a DFT-magnitude
 * baseline on the same windows, and linear probes for cardiac phase and for beat class (N/S/V)
 * fitted on the even-indexed test records and scored on the others; with `rhythm`, a rhythm
 * probe on the held-out LUDB subjects' windows, fitted on half of them and scored on the other
 * half (`ludbProbeGroup`).
 *
 * @param enc - the encoder
 * @param set - test windows
 * @param zBase - embeddings of the unshifted windows `[n, dim]`
 * @param zShift - embeddings of the shifted views `[n, steps, dim]`
 * @param shifts - shift of each grid step as a fraction of the window's cycle
 * @param rhythm - LUDB windows for the rhythm probe (optional)
 * @internal
 */
export async function evaluateEcgHonest(
  enc: OnnxModel,
  set: EcgEvalSet,
  zBase: Float32Array,
  zShift: Float32Array,
  shifts: number[],
  rhythm?: LudbRhythmSet,
): Promise<EcgHonestFigures> {
  const n = set.start.length;
  const steps = shifts.length;
  const L = set.length;
  const dim = enc.dims.inv + enc.dims.var + enc.dims.free;
  const full: DimSlice = { offset: 0, length: dim };
  const inv = enc.dims.inv > 0 ? latentSlice(enc.dims, 'inv') : full;
  const invariance = (s: DimSlice) => {
    const b = centred(zBase, n, dim, s, zBase, n);
    const v = centred(zShift, n * steps, dim, s, zBase, n);
    const cos: number[] = [];
    for (let w = 0; w < n; w++)
      for (let k = 1; k < steps; k++) cos.push(cosineAt(b, w * s.length, v, (w * steps + k) * s.length, s.length));
    let other = 0;
    let pairs = 0;
    for (let a = 0; a < n; a++) {
      for (let c = a + 1; c < n; c++) {
        if (set.record[a] !== set.record[c]) {
          other += cosineAt(b, a * s.length, b, c * s.length, s.length);
          pairs++;
        }
      }
    }
    return { mean: cos.reduce((a, x) => a + x, 0) / cos.length, p5: quantile(cos, 0.05), worst: Math.min(...cos), other: other / pairs };
  };
  const raw: number[] = [];
  for (let w = 0; w < n; w++)
    for (let k = 1; k < steps; k++) raw.push(cosineAt(zBase, w * dim + inv.offset, zShift, (w * steps + k) * dim + inv.offset, inv.length));
  const ci = invariance(inv);
  const cf = invariance(full);

  // Cross-half retrieval, learned and spectral, on the same windows.
  const { q, g } = crossHalfSet(set.records, L, 10);
  const xq = new Float32Array(q.length * L);
  const xg = new Float32Array(g.length * L);
  q.forEach(([r, s], i) => ecgInput(set.records[r]!, s, 0, L, xq, i * L));
  g.forEach(([r, s], i) => ecgInput(set.records[r]!, s, 0, L, xg, i * L));
  const zq = (await enc.run(xq, q.length)).z;
  const zg = (await enc.run(xg, g.length)).z;
  const gq = q.map(([r]) => r);
  const gg = g.map(([r]) => r);
  const top1 = (a: Float32Array, b: Float32Array, d: number, s: DimSlice) => {
    const cq = centred(a, q.length, d, s, b, g.length);
    const cg = centred(b, g.length, d, s, b, g.length);
    return retrievalTop1(cq, gq, cg, gg, s.length, { offset: 0, length: s.length });
  };
  const rate = set.records[0]?.rate ?? 130;
  const fq = dftMagnitude(xq, q.length, L, rate);
  const fg = dftMagnitude(xg, g.length, L, rate);
  const bins = fq.length / q.length;

  // Phase probe: every view (unshifted and shifted) is a row; target (cos, sin) of the phase.
  const phaseProbe = (s: DimSlice) => {
    if (s.length === 0) return NaN;
    const rows: number[] = [];
    for (let w = 0; w < n; w++) for (let k = 0; k < steps - 1; k++) rows.push(w * steps + k);
    const features = new Float32Array(rows.length * s.length);
    const target = new Float64Array(rows.length * 2);
    const recOf = new Int32Array(rows.length);
    let used = 0;
    for (const row of rows) {
      const w = Math.floor(row / steps);
      const rec = set.records[set.record[w]!]!;
      const phi = ecgPhase(rec, set.start[w]! + Math.round(shifts[row % steps]! * set.cycle[w]!));
      if (!Number.isFinite(phi)) continue;
      for (let j = 0; j < s.length; j++) features[used * s.length + j] = zShift[row * dim + s.offset + j]!;
      target[2 * used] = Math.cos(2 * Math.PI * phi);
      target[2 * used + 1] = Math.sin(2 * Math.PI * phi);
      recOf[used] = set.record[w]!;
      used++;
    }
    const isTrain = groupSplit(recOf.subarray(0, used));
    return linearProbe(
      { features: features.subarray(0, used * s.length), rows: used, dim: s.length, isTrain },
      target.subarray(0, 2 * used),
      2,
    ).r2;
  };

  // Beat-class probe: window class N/S/V (windows holding a fusion beat are left out).
  const beatProbe = (s: DimSlice) => {
    const keep: number[] = [];
    const label: number[] = [];
    for (let w = 0; w < n; w++) {
      const c = windowClass(set.records[set.record[w]!]!, set.start[w]!, L);
      if (c > 2) continue;
      keep.push(w);
      label.push(c);
    }
    const features = new Float32Array(keep.length * s.length);
    keep.forEach((w, i) => features.set(zBase.subarray(w * dim + s.offset, w * dim + s.offset + s.length), i * s.length));
    return {
      acc: balancedProbe(
        features,
        s.length,
        label,
        keep.map((w) => set.record[w]!),
        3,
      ),
      windows: keep.length,
    };
  };
  const bi = beatProbe(inv);
  const zr = rhythm ? (await enc.run(rhythm.x, rhythm.count)).z : undefined;
  const rhythmProbe = (sl: DimSlice) => {
    if (!rhythm || !zr) return NaN;
    const f = new Float32Array(rhythm.count * sl.length);
    for (let w = 0; w < rhythm.count; w++) f.set(zr.subarray(w * dim + sl.offset, w * dim + sl.offset + sl.length), w * sl.length);
    return round(balancedProbe(f, sl.length, rhythm.label, Int32Array.from(rhythm.subject, ludbProbeGroup), LUDB_RHYTHMS.length));
  };
  return {
    invariance: { mean: round(ci.mean), p5: round(ci.p5), worst: round(ci.worst), rawP5: round(quantile(raw, 0.05)) },
    invarianceFullZ: { mean: round(cf.mean), p5: round(cf.p5) },
    otherRecordsCentred: round(ci.other),
    crossHalf: {
      inv: round(top1(zq, zg, dim, inv)),
      full: round(top1(zq, zg, dim, full)),
      spectral: round(top1(fq, fg, bins, { offset: 0, length: bins })),
      queries: q.length,
    },
    phaseProbe: { var: round(phaseProbe(latentSlice(enc.dims, 'var'))), inv: round(phaseProbe(inv)) },
    beatProbe: { inv: round(bi.acc), full: round(beatProbe(full).acc), windows: bi.windows },
    rhythmProbe: { inv: rhythmProbe(inv), full: rhythmProbe(full), windows: rhythm?.count ?? 0 },
  };
}
