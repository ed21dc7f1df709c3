import { checkArg } from '../errors.js';
import type { QrsHistory } from './rpeak-locate.js';
import { planRPeaks, RPEAK_CONSTANTS, type RPeakPlan } from './rpeak-plan.js';
import { RPeakRules } from './rpeak-rules.js';

let warmedUp = false;

/**
 * Runs a throwaway detector once over a short signal that takes every path of the sample loop
 * (a peak, timed rules, a lead-off and its recovery). The engine optimizes the loop in the middle
 * of the first long call; a path it has not seen by then (the first timed rule comes only after
 * a second of signal) would otherwise leave that optimized code on every later call.
 */
function warmUp(): void {
  warmedUp = true;
  const det = new RPeakDetector(250);
  const x = new Float32Array(750);
  x[100] = 1;
  x.fill(Number.NaN, 300, 340);
  x[500] = 1;
  const out = new Float64Array(det.capacityFor(x.length));
  det.process(x, out);
  det.flush(out);
}

/**
 * Streaming QRS / R-peak detector for one ECG lead in mV: the Hamilton & Tompkins (1986)
 * detector (the published refinement of Pan & Tompkins) with its filters designed for the
 * stream's rate.
 *
 * Feature: Butterworth band-pass 5–15 Hz (order 2 + 2) → slope → |·| → 80 ms moving window.
 * Rules: feature peaks held 250 ms for a larger one, judged against `noise + 0.3125 × (QRS −
 * noise)` from the means of the last 8 QRS and 8 noise peaks, baseline shifts rejected, search
 * back after 1.5 mean RR for a peak above half the threshold, levels re-learnt after 8 s
 * without a beat. T waves (Pan & Tompkins 1985): a complex within 360 ms of the last QRS (or
 * the longest normal QT at the current rate, 0.45 × √RR s) whose largest slope is below half of
 * that QRS's is its T wave: not a beat, a noise peak capped at half the QRS level, and never a
 * replacement for the QRS held before it (nor is a baseline shift). The R peak is the raw
 * extremum at the QRS (see `locateQrs`).
 *
 * Plan-then-process: everything rate-dependent is computed in the constructor; `process`
 * walks the samples once, allocates nothing and writes R-peak sample indices (counted from the
 * first sample ever processed) into a caller-owned array. The state machine advances one
 * sample at a time, so the peaks are identical whatever the batch sizes. A peak is reported at
 * most {@link maxDelay} samples after it occurred (about 3.1 s, when search back finds it).
 *
 * Bad signal never throws: non-finite samples (lead-off) shorter than 100 ms are bridged with
 * the last value; longer runs end the segment, and detection restarts (2 s learning) when the
 * signal returns. Flat line gives no peaks. The input is slew-rate limited to 2000 mV/s (ten
 * times the steepest QRS slope in MIT-BIH), so a huge spike becomes a small bump.
 *
 * @example
 * ```ts
 * import { RPeakDetector } from 'scl-wear/dsp';
 * const det = new RPeakDetector(130);
 * const peaks = new Float64Array(det.capacityFor(batch.length));
 * const n = det.process(batch.data, peaks); // peaks[0..n) are sample indices of R peaks
 * ```
 */
export class RPeakDetector {
  /** Sample rate in Hz. */
  readonly rate: number;
  /** Longest delay, in samples, between an R peak and the call that reports it. */
  readonly maxDelay: number;
  private readonly plan: RPeakPlan;
  private readonly history: QrsHistory;
  private readonly rules: RPeakRules;
  private readonly mwi: Float64Array;
  // Fields that hold fractions start as -0 (equal to 0): the engine then stores them as doubles
  // from the start instead of re-optimizing `process` when the first fraction arrives.
  private h1 = -0;
  private h2 = -0;
  private l1 = -0;
  private l2 = -0;
  private prevBp = -0;
  private sum = -0;
  private mpos = 0;
  private peak = -0;
  private peakAt = 0;
  private half = -0;
  private deadline = Infinity;
  private n = 0;
  private held = -0;
  private badRun = 0;
  private lost = true;

  /**
   * @param rate - sample rate in Hz (100–2000)
   * @throws InputError `E_RATE` when the rate is outside 100–2000 Hz
   */
  constructor(rate: number) {
    this.plan = planRPeaks(rate);
    this.rate = rate;
    this.maxDelay = this.plan.maxDelay;
    this.mwi = new Float64Array(this.plan.window);
    const size = this.plan.ring;
    this.history = { bandpassed: new Float32Array(size), raw: new Float32Array(size), mask: size - 1 };
    this.rules = new RPeakRules(this.plan, this.history);
    if (!warmedUp) warmUp();
  }

  /** Number of samples processed so far (the index the next sample gets). */
  get samples(): number {
    return this.n;
  }

  /**
   * Room `out` needs for a call that processes `frames` samples (peaks are > 200 ms apart).
   *
   * @param frames - samples about to be processed (0 for {@link flush} or {@link gap})
   */
  capacityFor(frames: number): number {
    return Math.floor((frames + this.maxDelay) / this.plan.refractory) + 2;
  }

  /**
   * Processes samples and writes the R peaks decided during this call.
   *
   * @param input - consecutive ECG samples in mV
   * @param out - receives R-peak sample indices, ascending; room for `capacityFor(input.length)`
   * @param breaks - optional, same room: 1 where the RR interval to the previous peak is not
   *   valid (the first peak, and the first after a lead-off or gap), else 0
   * @returns the number of peaks written
   * @throws InputError `E_ARGUMENT` when `out` or `breaks` is too short
   */
  process(input: Float32Array, out: Float64Array, breaks?: Uint8Array): number {
    this.begin(input.length, out, breaks);
    const p = this.plan;
    const rules = this.rules;
    const hp = p.highpass;
    const lp = p.lowpass;
    const hb0 = hp[0] as number;
    const hb1 = hp[1] as number;
    const hb2 = hp[2] as number;
    const ha1 = hp[3] as number;
    const ha2 = hp[4] as number;
    const lb0 = lp[0] as number;
    const lb1 = lp[1] as number;
    const lb2 = lp[2] as number;
    const la1 = lp[3] as number;
    const la2 = lp[4] as number;
    const { bandpassed, raw, mask } = this.history;
    const mwi = this.mwi;
    const W = mwi.length;
    const invW = 1 / W;
    const rate = this.rate;
    const maxStep = RPEAK_CONSTANTS.maxSlew / rate;
    const peakWait = p.peakWait;
    const leadOff = p.leadOff;
    const floor = RPEAK_CONSTANTS.minAmplitude;
    let h1 = this.h1;
    let h2 = this.h2;
    let l1 = this.l1;
    let l2 = this.l2;
    let prevBp = this.prevBp;
    let sum = this.sum;
    let mpos = this.mpos;
    let peak = this.peak;
    let peakAt = this.peakAt;
    let half = this.half;
    let deadline = this.deadline;
    let n = this.n;
    let held = this.held;
    let badRun = this.badRun;
    let lost = this.lost;
    let due = rules.due;
    for (let i = 0; i < input.length; i++) {
      let v = input[i] as number;
      if (v - v !== 0) {
        // NaN or ±Infinity: bridge short runs, end the segment after 100 ms.
        if (lost || ++badRun >= leadOff) {
          if (!lost) rules.finish(n);
          due = rules.due;
          lost = true;
          n++;
          continue;
        }
        v = held;
      } else {
        if (lost) {
          lost = false;
          rules.restart(n, true);
          due = rules.due;
          // Start the filters in the steady state of this sample, so the offset does not ring.
          const g = (hb0 + hb1 + hb2) / (1 + ha1 + ha2);
          h2 = (hb2 - ha2 * g) * v;
          h1 = (hb1 - ha1 * g) * v + h2;
          l1 = l2 = prevBp = sum = 0;
          peak = floor;
          half = 0;
          deadline = Infinity;
          mwi.fill(0);
          held = v;
        }
        badRun = 0;
        // Slew-rate limit: a spike becomes a small bump instead of making the filters ring.
        if (v > held + maxStep) v = held + maxStep;
        else if (v < held - maxStep) v = held - maxStep;
        held = v;
      }
      const hy = hb0 * v + h1;
      h1 = hb1 * v - ha1 * hy + h2;
      h2 = hb2 * v - ha2 * hy;
      const bp = lb0 * hy + l1;
      l1 = lb1 * hy - la1 * bp + l2;
      l2 = lb2 * hy - la2 * bp;
      const e = Math.abs(bp - prevBp) * rate;
      prevBp = bp;
      sum += e - (mwi[mpos] as number);
      mwi[mpos] = e;
      if (++mpos === W) mpos = 0;
      const m = sum * invW;
      const j = n & mask;
      bandpassed[j] = bp;
      raw[j] = v;
      // Feature peak: a maximum above the floor, ended when the feature halves or 95 ms pass.
      if (m > peak) {
        peak = m;
        peakAt = n;
        half = 0.5 * m;
        deadline = n + peakWait;
      } else if (m < half || n > deadline) {
        due = rules.candidate(peak, peakAt, n);
        peak = floor;
        half = 0;
        deadline = Infinity;
      }
      if (n >= due) {
        due = rules.tick(n);
      }
      n++;
    }
    this.h1 = h1;
    this.h2 = h2;
    this.l1 = l1;
    this.l2 = l2;
    this.prevBp = prevBp;
    this.sum = sum;
    this.mpos = mpos;
    this.peak = peak;
    this.peakAt = peakAt;
    this.half = half;
    this.deadline = deadline;
    this.n = n;
    this.held = held;
    this.badRun = badRun;
    this.lost = lost;
    return rules.count;
  }

  /**
   * Ends the stream: judges what is still pending. Processing may continue afterwards.
   *
   * @param out - receives R-peak sample indices; room for `capacityFor(0)`
   * @param breaks - optional, see {@link process}
   * @returns the number of peaks written
   */
  flush(out: Float64Array, breaks?: Uint8Array): number {
    this.begin(0, out, breaks);
    if (!this.lost) this.rules.finish(this.n);
    return this.rules.count;
  }

  /**
   * Marks missing signal before the next sample (a gap in the stream): judges what is pending,
   * then restarts detection (learning again) at the next sample. Sample indices continue.
   *
   * @param out - receives R-peak sample indices; room for `capacityFor(0)`
   * @param breaks - optional, see {@link process}
   * @returns the number of peaks written
   */
  gap(out: Float64Array, breaks?: Uint8Array): number {
    const count = this.flush(out, breaks);
    this.lost = true;
    return count;
  }

  private begin(frames: number, out: Float64Array, breaks: Uint8Array | undefined): void {
    const need = this.capacityFor(frames);
    if (out.length < need) checkArg(false, 'out', `room for ${need} peaks`, out);
    if (breaks !== undefined && breaks.length < need) checkArg(false, 'breaks', `room for ${need} flags`, breaks);
    this.rules.out = out;
    this.rules.breaks = breaks;
    this.rules.count = 0;
  }
}
