import { locateQrs, type QrsHistory, type QrsLocation } from './rpeak-locate.js';
import { RPEAK_CONSTANTS, type RPeakPlan } from './rpeak-plan.js';

const NONE = -1;
/** Feature peaks judged during learning: amplitude, R index, slope (at most one per hold). */
const LEARN_SLOTS = 64;

/**
 * The decision rules of the R-peak detector (Hamilton & Tompkins 1986): feature peaks are
 * held for 250 ms in case a larger one follows, then judged against an adaptive threshold set
 * from the last 8 QRS and 8 noise peak levels; search back for a missed beat after 1.5 mean RR;
 * levels re-learnt after 8 s without a beat. Runs only at feature peaks and timed events, never
 * per sample; allocates nothing after construction. Internal to {@link RPeakDetector}.
 */
export class RPeakRules {
  /** Next sample index at which {@link tick} must run. */
  due = -0;
  /** Where accepted R peaks go during one `process` call. */
  out: Float64Array = new Float64Array(0);
  breaks: Uint8Array | undefined;
  count = 0;
  private readonly plan: RPeakPlan;
  private readonly history: QrsHistory;
  private readonly loc: QrsLocation = { r: -0, slope: -0, biphasic: true };
  private readonly qrs = new Float64Array(8);
  private readonly noise = new Float64Array(8);
  private readonly rr = new Float64Array(8);
  private readonly blocks = new Float64Array(8);
  private readonly learnt = new Float64Array(3 * LEARN_SLOTS);
  private learntCount = 0;
  // Number fields start as -0 (equal to 0) so the engine stores them as doubles from the start:
  // a field turning from small integer to double would make the detector loop re-optimize.
  private threshold = -0;
  private rrMean = -0;
  private heldAmp = -0;
  private heldAt = -0;
  private holdUntil = -0;
  private lastR = -0;
  private lastSlope = -0;
  private sbAmp = -0;
  private sbR = -0;
  private sbSlope = -0;
  private blockMax = -0;
  private blockEnd = -0;
  private blocksDone = 0;
  private learnEnd = -0;
  private lastBeatOrStart = -0;
  private segStart = -0;
  private breakPending = true;

  constructor(plan: RPeakPlan, history: QrsHistory) {
    this.plan = plan;
    this.history = history;
    this.lastR = NONE;
    this.restart(0, false);
  }

  /** Starts a new segment at sample `n`: forgets levels, history and held peaks. */
  restart(n: number, isBreak: boolean): void {
    this.qrs.fill(0);
    this.noise.fill(0);
    this.blocks.fill(0);
    this.rr.fill(this.plan.rate);
    this.rrMean = this.plan.rate;
    this.threshold = 0;
    this.learntCount = 0;
    this.holdUntil = NONE;
    this.sbAmp = 0;
    this.blockMax = 0;
    this.blocksDone = 0;
    this.blockEnd = n + this.plan.block;
    this.learnEnd = n + this.plan.learn;
    this.lastBeatOrStart = n;
    this.segStart = n;
    if (isBreak) this.breakPending = true;
    this.updateDue();
  }

  /**
   * A feature peak of amplitude `amp` (mV/s) at sample `at`, seen at sample `n`.
   *
   * @returns the next `due` sample (returned, not read back, to keep the caller's loop simple)
   */
  candidate(amp: number, at: number, n: number): number {
    if (amp < RPEAK_CONSTANTS.minAmplitude) return this.due;
    if (amp > this.blockMax) this.blockMax = amp;
    if (this.holdUntil === NONE || (amp > this.heldAmp && !this.keepsHeld(at, n))) {
      this.heldAmp = amp;
      this.heldAt = at;
      this.holdUntil = n + this.plan.hold;
      if (this.holdUntil < this.due) this.due = this.holdUntil;
    }
    return this.due;
  }

  /**
   * Runs the timed rules at sample `n` (n ≥ due).
   *
   * @returns the next `due` sample
   */
  tick(n: number): number {
    const p = this.plan;
    if (this.holdUntil !== NONE && n >= this.holdUntil) {
      this.holdUntil = NONE;
      this.judge(this.heldAmp, this.heldAt, n);
    }
    if (n >= this.blockEnd) {
      this.endBlock();
      this.blockEnd += p.block;
    }
    if (n >= this.learnEnd && this.learnEnd !== NONE) {
      this.learnEnd = NONE;
      this.relearn(Math.min(this.blocksDone, 8));
      for (let i = 0; i < this.learntCount; i++) {
        const a = 3 * i;
        this.classify(this.learnt[a] as number, this.learnt[a + 1] as number, this.learnt[a + 2] as number, false);
      }
      this.learntCount = 0;
    } else if (this.learnEnd === NONE) {
      if (this.sbAmp > this.threshold / 2 && n - this.lastBeatOrStart > this.searchBackWait()) {
        this.accept(this.sbAmp, this.sbR, this.sbSlope);
      } else if (n - this.lastBeatOrStart > p.relearn) {
        this.relearn(8);
        this.lastBeatOrStart = n;
      }
    }
    this.updateDue();
    return this.due;
  }

  /** Judges what is pending at the end of the stream or before a gap. */
  finish(n: number): void {
    if (this.holdUntil !== NONE) {
      this.holdUntil = NONE;
      this.judge(this.heldAmp, this.heldAt, n);
    }
    if (this.learnEnd !== NONE) {
      this.endBlock();
      this.blockEnd = n + this.plan.block;
      this.learnEnd = n;
      this.tick(n);
    }
  }

  private endBlock(): void {
    this.blocks.copyWithin(1, 0, 7);
    this.blocks[0] = this.blockMax;
    this.blockMax = 0;
    this.blocksDone++;
  }

  private searchBackWait(): number {
    const p = this.plan;
    return Math.floor(p.searchBack * Math.min(this.rrMean, p.maxRr)) + p.window + p.hold + p.peakWait;
  }

  private judge(amp: number, at: number, n: number): void {
    if (this.learnEnd === NONE && amp <= this.threshold && amp <= this.sbAmp) {
      // A noise peak that cannot become a beat, now or by search back: no need to locate it.
      push(this.noise, amp);
      this.setThreshold();
      return;
    }
    const loc = locateQrs(this.plan, this.history, at, Math.max(this.segStart, n - this.plan.ring + 1), n - 1, this.loc);
    if (!loc.biphasic) return;
    if (this.learnEnd !== NONE) {
      if (this.learntCount < LEARN_SLOTS) {
        const a = 3 * this.learntCount++;
        this.learnt[a] = amp;
        this.learnt[a + 1] = loc.r;
        this.learnt[a + 2] = loc.slope;
      }
      return;
    }
    this.classify(amp, loc.r, loc.slope, true);
  }

  private classify(amp: number, r: number, slope: number, searchable: boolean): void {
    // A T wave is not a beat, but it is a non-QRS peak, which Hamilton & Tompkins (1986) count
    // in the noise level. It enters capped at half the QRS level, so a tall one cannot lift the
    // threshold over the QRS complexes that follow it (the threshold then stays near two thirds
    // of the QRS level at most), while a lead's T waves keep its threshold above smaller bumps.
    if (this.isTWave(r, slope)) {
      push(this.noise, Math.min(amp, 0.5 * mean(this.qrs)));
      this.setThreshold();
      return;
    }
    if (amp > this.threshold) return this.accept(amp, r, slope);
    push(this.noise, amp);
    this.setThreshold();
    if (searchable && amp > this.sbAmp && (this.lastR === NONE || r - this.lastR >= this.plan.searchBackGap)) {
      this.sbAmp = amp;
      this.sbR = r;
      this.sbSlope = slope;
    }
  }

  /**
   * Pan & Tompkins' (1985) T-wave rule: within the T-wave window after the last QRS, a complex
   * whose largest slope is below half of that QRS's is its T wave. The window is 360 ms, or the
   * longest normal QT at the current mean RR (0.45 × √RR s, Bazett) when that is longer.
   */
  private isTWave(r: number, slope: number): boolean {
    if (this.lastR === NONE || this.breakPending) return false;
    return r - this.lastR < this.tWaveWindow() && slope < RPEAK_CONSTANTS.tWaveSlope * this.lastSlope;
  }

  private tWaveWindow(): number {
    const rate = this.plan.rate;
    return Math.max(this.plan.tWaveGap, RPEAK_CONSTANTS.tWaveQtc * Math.sqrt(this.rrMean / rate) * rate);
  }

  /**
   * True when a larger feature peak at `at` (seen at sample `n`) must not replace the QRS being
   * held: it is that QRS's T wave (same rule as {@link isTWave}, against the held peak), or a
   * baseline shift (no slope of the other sign, see `locateQrs`). A baseline shift is dropped
   * when judged (Hamilton & Tompkins 1986), so letting it replace the held peak would lose the
   * QRS before it: an electrode-motion step right after a beat.
   */
  private keepsHeld(at: number, n: number): boolean {
    const lo = Math.max(this.segStart, n - this.plan.ring + 1);
    const held = locateQrs(this.plan, this.history, this.heldAt, lo, n - 1, this.loc);
    const heldR = held.r;
    const heldSlope = held.slope;
    if (!held.biphasic) return false;
    const next = locateQrs(this.plan, this.history, at, lo, n - 1, this.loc);
    if (!next.biphasic) return true;
    return next.r - heldR < this.tWaveWindow() && next.slope < RPEAK_CONSTANTS.tWaveSlope * heldSlope;
  }

  private accept(amp: number, r: number, slope: number): void {
    const p = this.plan;
    if (this.lastR !== NONE && r <= this.lastR + p.refractory) return;
    if (this.lastR !== NONE && !this.breakPending) {
      push(this.rr, r - this.lastR);
      this.rrMean = mean(this.rr);
    }
    // A QRS level enters capped at twice the current mean, so one spike cannot mask the beats
    // after it (a real amplitude increase is followed within a few beats).
    const level = mean(this.qrs);
    push(this.qrs, level > 0 ? Math.min(amp, 2 * level) : amp);
    this.setThreshold();
    if (this.count < this.out.length) {
      this.out[this.count] = r;
      if (this.breaks) this.breaks[this.count] = this.breakPending ? 1 : 0;
      this.count++;
    }
    this.breakPending = false;
    this.lastR = r;
    this.lastSlope = slope;
    this.lastBeatOrStart = Math.max(r, this.lastBeatOrStart);
    this.sbAmp = 0;
  }

  /**
   * Sets the QRS level from the largest feature peak of each of the last `blocks` seconds: their
   * mean for the 2 s of learning, their median when re-learning over 8 s (robust to a spike).
   */
  private relearn(blocks: number): void {
    this.qrs.fill(blocks >= 3 ? median(this.blocks, blocks) : mean(this.blocks.subarray(0, Math.max(1, blocks))));
    this.noise.fill(0);
    this.rr.fill(this.plan.rate);
    this.rrMean = this.plan.rate;
    this.sbAmp = 0;
    this.setThreshold();
  }

  private setThreshold(): void {
    const q = mean(this.qrs);
    const z = mean(this.noise);
    this.threshold = z + RPEAK_CONSTANTS.threshold * (q - z);
  }

  private updateDue(): void {
    let due = this.blockEnd;
    if (this.holdUntil !== NONE && this.holdUntil < due) due = this.holdUntil;
    if (this.learnEnd !== NONE && this.learnEnd < due) due = this.learnEnd;
    if (this.learnEnd === NONE) {
      due = Math.min(due, this.lastBeatOrStart + this.plan.relearn + 1);
      if (this.sbAmp > this.threshold / 2) due = Math.min(due, this.lastBeatOrStart + this.searchBackWait() + 1);
    }
    this.due = due;
  }
}

function push(a: Float64Array, v: number): void {
  a.copyWithin(1, 0, a.length - 1);
  a[0] = v;
}

function median(a: Float64Array, n: number): number {
  const s = Array.from(a.subarray(0, n)).sort((x, y) => x - y);
  return n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}

function mean(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] as number;
  return s / a.length;
}
