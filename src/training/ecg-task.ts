import { TrainingError } from '../errors.js';
import { cycleLength, drawCycleShift } from '../scl/cycle.js';
import type { Rng } from '../core/random.js';
import { cutShifted } from '../scl/transforms.js';
import { ECG_SETTLE_SECONDS, ECG_WINDOW, windowClass, zscoreWindow, type EcgRecord } from './ecg-data.js';
import type { TrainBatch, TrainMode, TrainTask } from './trainer.js';

/** Shortest and longest cardiac cycle used for shifts, in seconds (200 and 30 bpm). */
export const ECG_CYCLE_LIMITS: readonly [number, number] = [0.3, 2];

/** Least time between the two views' starts with record positives, in seconds (less only where the record is shorter). */
export const ECG_RECORD_GAP_SECONDS = 60;

/** A list of window positions over a set of records. */
export interface EcgWindowIndex {
  /** Record (index into the records array) of each window. */
  readonly record: Uint16Array;
  /** First sample of each window. */
  readonly start: Int32Array;
}

/**
 * Window positions every `hop` samples, leaving room after each window for a shift of a whole
 * (longest) cardiac cycle and skipping the band-pass settling time at the start.
 *
 * @param records - preprocessed records
 * @param length - window length in samples
 * @param hop - samples between window starts
 * @throws TrainingError `E_DATA` when no window fits
 * @internal
 * @example
 * ```ts
 * const { record, start } = ecgWindowIndex(records, 520, 130);
 * ```
 */
export function ecgWindowIndex(records: readonly EcgRecord[], length: number, hop: number): EcgWindowIndex {
  const rec: number[] = [];
  const start: number[] = [];
  records.forEach((r, i) => {
    const maxShift = Math.ceil(ECG_CYCLE_LIMITS[1] * r.rate);
    for (let s = Math.ceil(ECG_SETTLE_SECONDS * r.rate); s + length + maxShift <= r.signal.length; s += hop) {
      rec.push(i);
      start.push(s);
    }
  });
  if (start.length === 0) throw new TrainingError('E_DATA', `no ${length}-sample ECG window fits in ${records.length} record(s)`);
  return { record: Uint16Array.from(rec), start: Int32Array.from(start) };
}

/**
 * Cardiac cycle around a window in samples, from the reference beats, kept within
 * {@link ECG_CYCLE_LIMITS} (1 s when no beat covers the window).
 *
 * @param rec - the record
 * @param start - first sample of the window
 * @param length - window length
 * @internal
 * @example
 * ```ts
 * const cycle = ecgCycle(rec, 2600, 520); // e.g. 104 samples at 130 Hz (75 bpm)
 * ```
 */
export function ecgCycle(rec: EcgRecord, start: number, length: number): number {
  const c = cycleLength(rec.beats, start, length, rec.rate);
  return Math.min(Math.max(c, ECG_CYCLE_LIMITS[0] * rec.rate), ECG_CYCLE_LIMITS[1] * rec.rate);
}

/**
 * Cuts a window `shift` samples after `start` and z-scores it (the model input).
 *
 * @param rec - the record
 * @param start - first sample of the unshifted window
 * @param shift - offset in samples
 * @param length - window length
 * @param out - destination
 * @param offset - where the window goes in `out`
 * @internal
 * @example
 * ```ts
 * ecgInput(rec, 2600, 52, 520, batch, i * 520); // window i, cut 0.4 s later
 * ```
 */
export function ecgInput(rec: EcgRecord, start: number, shift: number, length: number, out: Float32Array, offset: number): void {
  cutShifted(rec.signal, start, shift, length, out.subarray(offset, offset + length));
  zscoreWindow(out, offset, length);
}

/**
 * Cardiac phase of a sample: where it lies between the reference beats around it, 0 at a beat,
 * in [0, 1); NaN before the first beat, after the last or inside an RR interval over 2 s.
 *
 * @param rec - the record
 * @param at - sample index
 * @internal
 * @example
 * ```ts
 * const phi = ecgPhase(rec, 2600); // 0.25: a quarter of the way from one beat to the next
 * ```
 */
export function ecgPhase(rec: EcgRecord, at: number): number {
  const b = rec.beats;
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const m = (lo + hi) >>> 1;
    if (b[m]! <= at) lo = m + 1;
    else hi = m;
  }
  if (lo === 0 || lo === b.length) return NaN;
  const rr = b[lo]! - b[lo - 1]!;
  return rr > ECG_CYCLE_LIMITS[1] * rec.rate ? NaN : (at - b[lo - 1]!) / rr;
}

function setPhase(rec: EcgRecord, at: number, phase: Float32Array, mask: Float32Array, row: number): void {
  const phi = ecgPhase(rec, at);
  const ok = Number.isFinite(phi);
  phase[2 * row] = ok ? Math.cos(2 * Math.PI * phi) : 0;
  phase[2 * row + 1] = ok ? Math.sin(2 * Math.PI * phi) : 0;
  mask[row] = ok ? 1 : 0;
}

/**
 * Options of {@link ecgTask}.
 *
 * @example
 * ```ts
 * import { ecgTask, loadEcgSplit } from 'scl-wear/train';
 * const records = await loadEcgSplit('../shared/data', 'DS1');
 * // 4 s windows starting every 2 s (samples at 130 Hz); SCL negatives only from other records.
 * const task = ecgTask(records, { length: 520, hop: 260, negatives: 'record' });
 * ```
 */
export interface EcgTaskOptions {
  /** Window length in samples (default {@link ECG_WINDOW}). */
  readonly length?: number;
  /** Samples between window starts; each batch jitters the start within one hop. Default 1 s. */
  readonly hop?: number;
  /** SCL negatives: every other window (`all`) or only windows of other records (`record`). */
  readonly negatives?: 'all' | 'record';
  /**
   * SCL positive of a window: the same record cut one cardiac-cycle shift later (`shift`,
   * default) or the same record at another start at least 60 s away
   * (as far as the record allows) plus such a shift (`record`; negatives then come from other
   * records only, whatever `negatives` says).
   */
  readonly positives?: 'shift' | 'record';
  /**
   * Negative group of each record (default: its index), used wherever negatives are "other
   * records": records of one group are never negatives of each other (the leads of one LUDB
   * subject, for example). Non-negative integers.
   */
  readonly groups?: ArrayLike<number>;
}

/**
 * Another start in the same record at least `gap` samples from `start` (uniform over the
 * allowed starts in [lo, hi]), or the farthest allowed start when none is that far.
 *
 * @param rng - random source
 * @param start - first sample of the first view
 * @param lo - first allowed start
 * @param hi - last allowed start
 * @param gap - least distance in samples
 * @internal
 * @example
 * ```ts
 * const other = distantStart(rng, 2600, 260, 200_000, 7800); // at least 60 s away at 130 Hz
 * ```
 */
export function distantStart(rng: Rng, start: number, lo: number, hi: number, gap: number): number {
  const before = Math.max(0, start - gap - lo + 1);
  const after = Math.max(0, hi - (start + gap) + 1);
  if (before + after === 0) return start - lo >= hi - start ? lo : hi;
  const k = rng.int(before + after);
  return k < before ? lo + k : start + gap + (k - before);
}

/**
 * Training views of ECG windows (one channel, z-scored, `[batch, 1, length]`):
 * - `plain`: the window at its start, labelled by `windowClass`;
 * - `aug`: the window shifted by a random offset across one cardiac cycle (label recomputed);
 * - `scl`: the window (task head) and, as SCL positive, the same record cut s samples later,
 *   s uniform over one cardiac cycle from the reference annotations' local RR (with
 *   `positives: 'record'`, from a start at least a minute away, see {@link EcgTaskOptions}).
 *
 * @param records - preprocessed training records (DS1)
 * @param options - window length, hop, negative and positive rules
 * @example
 * ```ts
 * import { ecgTask, loadEcgSplit } from 'scl-wear/train';
 * const task = ecgTask(await loadEcgSplit('../shared/data', 'DS1'));
 * ```
 */
export function ecgTask(records: readonly EcgRecord[], options: EcgTaskOptions = {}): TrainTask {
  const length = options.length ?? ECG_WINDOW;
  const hop = options.hop ?? Math.round(records[0]?.rate ?? 130);
  const index = ecgWindowIndex(records, length, hop);
  const distant = options.positives === 'record';
  const byRecord = distant || options.negatives === 'record';
  return {
    count: index.start.length,
    makeBatch(ids: ArrayLike<number>, rng: Rng, mode: TrainMode): TrainBatch {
      const n = ids.length;
      const x1 = new Float32Array(n * length);
      const x2 = mode === 'scl' ? new Float32Array(n * length) : undefined;
      const y = new Uint8Array(n);
      const neg = new Int32Array(n);
      const rows = x2 ? 2 * n : n;
      const phase = new Float32Array(2 * rows);
      const phaseMask = new Float32Array(rows);
      for (let i = 0; i < n; i++) {
        const w = ids[i]!;
        const rec = records[index.record[w]!]!;
        const last = rec.signal.length - length - Math.ceil(ECG_CYCLE_LIMITS[1] * rec.rate);
        const start = Math.min(index.start[w]! + rng.int(hop), last);
        const shift = drawCycleShift(rng, ecgCycle(rec, start, length));
        const first = mode === 'aug' ? start + shift : start;
        ecgInput(rec, first, 0, length, x1, i * length);
        y[i] = windowClass(rec, first, length);
        neg[i] = byRecord ? (options.groups?.[index.record[w]!] ?? index.record[w]!) : i;
        setPhase(rec, first, phase, phaseMask, i);
        if (!x2) continue;
        const settle = Math.ceil(ECG_SETTLE_SECONDS * rec.rate);
        const start2 = distant ? distantStart(rng, start, settle, last, Math.round(ECG_RECORD_GAP_SECONDS * rec.rate)) : start;
        const shift2 = distant ? drawCycleShift(rng, ecgCycle(rec, start2, length)) : shift;
        ecgInput(rec, start2, shift2, length, x2, i * length);
        setPhase(rec, start2 + shift2, phase, phaseMask, n + i);
      }
      return x2 ? { x1, x2, y, negatives: neg, phase, phaseMask } : { x1, y, phase, phaseMask };
    },
  };
}
