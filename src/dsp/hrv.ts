import { checkArg } from '../errors.js';
import { LombScargle } from './lomb-scargle.js';

/**
 * Heart-rate variability of a stretch of beats. Times in seconds, intervals in ms.
 *
 * @example
 * ```ts
 * import { rpeaks, rrIntervals, hrv } from 'scl-wear';
 * ecg$.pipe(rpeaks(), rrIntervals(), hrv()).subscribe((s) => {
 *   console.log(`SDNN ${s.sdnn.toFixed(1)} ms, RMSSD ${s.rmssd.toFixed(1)} ms, LF/HF ${s.lfHf.toFixed(2)}`);
 * });
 * ```
 */
export interface HrvSummary {
  /** Time of the first beat considered, in seconds. */
  readonly start: number;
  /** Time of the last beat considered, in seconds. */
  readonly end: number;
  /** RR intervals considered. */
  readonly intervals: number;
  /** How many of those intervals were normal (NN). */
  readonly nn: number;
  /** Mean NN interval, in ms. */
  readonly meanNn: number;
  /** Heart rate matching the mean NN interval, in bpm. */
  readonly meanHr: number;
  /** Standard deviation of NN intervals (ms, n − 1 denominator). */
  readonly sdnn: number;
  /** Root mean square of successive NN differences (ms). */
  readonly rmssd: number;
  /** Percentage of successive NN differences above 50 ms (0–100). */
  readonly pnn50: number;
  /** Lomb–Scargle power of the NN series in 0.04–0.15 Hz (ms²); NaN under 60 s. */
  readonly lf: number;
  /** Lomb–Scargle power of the NN series in 0.15–0.4 Hz (ms²); NaN under 60 s. */
  readonly hf: number;
  /** LF / HF. */
  readonly lfHf: number;
}

/**
 * Frequency bands and grid of the HRV spectrum (Task Force of the ESC and NASPE, 1996).
 *
 * @example
 * ```ts
 * import { HRV_BANDS } from 'scl-wear/dsp';
 * const [lfLow, lfHigh] = HRV_BANDS.lf; // 0.04, 0.15 Hz
 * ```
 */
export const HRV_BANDS = Object.freeze({
  lf: [0.04, 0.15] as const,
  hf: [0.15, 0.4] as const,
  /** Lomb–Scargle grid: 0.001 Hz steps from 0.001 to 0.5 Hz. */
  gridStep: 0.001,
  gridCount: 500,
  /** Shortest NN span (s) for which LF and HF are reported. */
  minSpan: 60,
});

/**
 * Computes HRV over planar beat arrays: time domain (mean NN, SDNN, RMSSD, pNN50) and
 * Lomb–Scargle LF / HF over the uneven NN series (no resampling, no interpolation of the
 * left-out beats). Successive differences only pair NN intervals that directly follow each
 * other (the second starts where the first ends, within 1 ms), so a left-out ectopic beat or a
 * gap never makes a false difference. Plan once, reuse for every window.
 *
 * @example
 * ```ts
 * import { HrvCalculator } from 'scl-wear/dsp';
 * const hrv = new HrvCalculator(400);
 * const s = hrv.compute(times, rrSeconds, normal, count); // s.sdnn, s.rmssd, s.lf, s.hf...
 * ```
 */
export class HrvCalculator {
  private readonly ls = new LombScargle(HRV_BANDS.gridStep, HRV_BANDS.gridStep, HRV_BANDS.gridCount);
  private readonly spectrum = new Float64Array(HRV_BANDS.gridCount);
  private t: Float64Array;
  private y: Float64Array;

  /**
   * @param capacity - expected largest number of intervals per call (grows when exceeded)
   */
  constructor(capacity = 512) {
    this.t = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
  }

  /**
   * @param time - time of the beat ending each interval (s), ascending
   * @param rr - intervals in seconds
   * @param normal - 1 for NN intervals, 0 for intervals to leave out
   * @param n - number of intervals used
   * @throws InputError `E_ARGUMENT` when an array is shorter than `n`
   */
  compute(time: Float64Array, rr: Float64Array, normal: Uint8Array, n: number): HrvSummary {
    checkArg(time.length >= n && rr.length >= n && normal.length >= n, 'n', 'at most the length of the arrays', n);
    if (this.t.length < n) {
      this.t = new Float64Array(n);
      this.y = new Float64Array(n);
    }
    let count = 0;
    let sum = 0;
    let diffs = 0;
    let sqDiffs = 0;
    let over50 = 0;
    let from = NaN;
    for (let i = 0; i < n; i++) {
      if (!normal[i]) continue;
      if (count === 0) from = (time[i] as number) - (rr[i] as number);
      const ms = (rr[i] as number) * 1000;
      if (i > 0 && normal[i - 1] && Math.abs((time[i] as number) - (rr[i] as number) - (time[i - 1] as number)) <= 1e-3) {
        const d = ((rr[i] as number) - (rr[i - 1] as number)) * 1000;
        diffs++;
        sqDiffs += d * d;
        if (Math.abs(d) > 50) over50++;
      }
      this.t[count] = time[i] as number;
      this.y[count++] = ms;
      sum += ms;
    }
    const meanNn = count > 0 ? sum / count : NaN;
    let ss = 0;
    for (let i = 0; i < count; i++) ss += ((this.y[i] as number) - meanNn) ** 2;
    // Time covered by the NN intervals, from the start of the first to the end of the last.
    const span = count > 1 ? (this.t[count - 1] as number) - from : 0;
    let lf = NaN;
    let hf = NaN;
    if (span >= HRV_BANDS.minSpan) {
      this.ls.psd(this.t, this.y, count, this.spectrum);
      lf = this.ls.bandPower(this.spectrum, HRV_BANDS.lf[0], HRV_BANDS.lf[1]);
      hf = this.ls.bandPower(this.spectrum, HRV_BANDS.hf[0], HRV_BANDS.hf[1]);
    }
    return {
      start: n > 0 ? (time[0] as number) - (rr[0] as number) : NaN,
      end: n > 0 ? (time[n - 1] as number) : NaN,
      intervals: n,
      nn: count,
      meanNn,
      meanHr: 60000 / meanNn,
      sdnn: count > 1 ? Math.sqrt(ss / (count - 1)) : NaN,
      rmssd: diffs > 0 ? Math.sqrt(sqDiffs / diffs) : NaN,
      pnn50: diffs > 0 ? (100 * over50) / diffs : NaN,
      lf,
      hf,
      lfHf: lf / hf,
    };
  }
}
