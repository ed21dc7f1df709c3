import { checkArg } from '../errors.js';

/** Options of {@link RrTimeline}. */
export interface RrTimelineOptions {
  /** Beat-clock lag beyond which RR intervals were lost and the clock re-anchors, in s (default 2). */
  maxLag?: number;
  /** Notifications in the lag envelope that detects short losses (default 16). */
  window?: number;
  /** Smallest envelope lag read as lost beats, in s (default 0.5). */
  minLoss?: number;
}

/**
 * Gives each RR interval the time of the beat that ends it, on the host clock.
 *
 * RR intervals are exact (sensor clock) but notifications arrive up to about a second after
 * the beat. The first notification anchors its last beat to its arrival time; later beats are
 * chained by adding their intervals, so beat times are as regular as the intervals themselves.
 * The chain's lag behind arrivals reveals lost intervals: a lag over `maxLag` re-anchors at
 * once; a lag whose minimum over the last `window` notifications stays above `minLoss`
 * (arrival latency is near zero for some beats) moves the chain forward. Both report the
 * missing time as a gap. Beat times may run late by the first notification's latency (≤ ~1 s).
 *
 * @example
 * ```ts
 * import { RrTimeline } from 'scl-wear';
 * const timeline = new RrTimeline();
 * const beats = new Float64Array(m.rr.length);
 * const gap = timeline.place(m.rr, performance.now() / 1000, beats);
 * ```
 */
export class RrTimeline {
  private readonly maxLag: number;
  private readonly minLoss: number;
  private readonly lags: Float64Array;
  private lagCount = 0;
  private lagHead = 0;
  private started = false;
  private lastBeat = 0;
  private resumed = false;

  /**
   * @param options - loss detection thresholds
   * @throws InputError `E_ARGUMENT` on a non-positive threshold or window
   */
  constructor(options: RrTimelineOptions = {}) {
    this.maxLag = options.maxLag ?? 2;
    this.minLoss = options.minLoss ?? 0.5;
    const w = options.window ?? 16;
    checkArg(this.maxLag > 0, 'maxLag', 'a positive number of seconds', this.maxLag);
    checkArg(this.minLoss > 0, 'minLoss', 'a positive number of seconds', this.minLoss);
    checkArg(Number.isInteger(w) && w >= 1, 'window', 'a positive integer', w);
    this.lags = new Float64Array(w);
  }

  /**
   * Starts a new segment (after a reconnect): the next notification re-anchors to its arrival,
   * but never before the previous beat, and reports the time between them as its gap.
   */
  reset(): void {
    this.resumed = this.started;
    this.started = false;
    this.lagCount = 0;
    this.lagHead = 0;
  }

  /**
   * Places the beats of one notification.
   *
   * @param rrMs - RR intervals in ms, oldest first
   * @param arrival - host time of the notification, in s
   * @param out - receives one beat time (s) per interval
   * @returns seconds of beats missing before the first interval (0 when continuous)
   */
  place(rrMs: Float64Array, arrival: number, out: Float64Array): number {
    const n = rrMs.length;
    if (n === 0) return 0;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (rrMs[i] as number) / 1000;
    if (!this.started) {
      this.started = true;
      if (!this.resumed) {
        this.chain(rrMs, arrival - sum, out);
        return 0;
      }
      this.resumed = false;
      const gap = Math.max(0, arrival - sum - this.lastBeat);
      this.chain(rrMs, this.lastBeat + gap, out);
      return gap;
    }
    const lag = arrival - (this.lastBeat + sum);
    if (lag > this.maxLag) return this.jump(rrMs, lag, out);
    this.lags[this.lagHead] = lag;
    this.lagHead = (this.lagHead + 1) % this.lags.length;
    if (this.lagCount < this.lags.length) this.lagCount++;
    if (this.lagCount === this.lags.length) {
      let min = Infinity;
      for (let i = 0; i < this.lagCount; i++) min = Math.min(min, this.lags[i] as number);
      if (min > this.minLoss) return this.jump(rrMs, min, out);
    }
    this.chain(rrMs, this.lastBeat, out);
    return 0;
  }

  private jump(rrMs: Float64Array, gap: number, out: Float64Array): number {
    this.lagCount = 0;
    this.lagHead = 0;
    this.chain(rrMs, this.lastBeat + gap, out);
    return gap;
  }

  private chain(rrMs: Float64Array, start: number, out: Float64Array): void {
    let t = start;
    for (let i = 0; i < rrMs.length; i++) {
      t += (rrMs[i] as number) / 1000;
      out[i] = t;
    }
    this.lastBeat = t;
  }
}
