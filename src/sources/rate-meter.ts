import { checkArg } from '../errors.js';

/**
 * Measures the real sample rate of an event-driven sensor from the intervals between its
 * timestamps: the median of the last `window` intervals (robust to late or bunched events).
 * {@link RateMeter.reported} holds the value batches carry; it changes only when the estimate
 * moves by more than `hysteresis` (a fraction), so downstream stages see a steady rate.
 *
 * @example
 * ```ts
 * import { RateMeter } from 'scl-wear';
 * const meter = new RateMeter();
 * meter.push(0.0167); meter.push(0.0166);
 * meter.estimate; // ≈ 60 Hz
 * ```
 */
export class RateMeter {
  private readonly intervals: Float64Array;
  private readonly scratch: Float64Array;
  private readonly hysteresis: number;
  private readonly minIntervals: number;
  private count = 0;
  private head = 0;
  private current = NaN;
  private last = NaN;

  /**
   * @param window - intervals in the median (default 64)
   * @param hysteresis - relative change that updates the reported rate (default 0.02)
   * @param minIntervals - intervals needed before a rate is reported (default 4)
   * @throws InputError `E_ARGUMENT` on a window below 1 or a negative hysteresis
   */
  constructor(window = 64, hysteresis = 0.02, minIntervals = 4) {
    checkArg(Number.isInteger(window) && window >= 1, 'window', 'a positive integer', window);
    checkArg(hysteresis >= 0, 'hysteresis', 'a non-negative fraction', hysteresis);
    this.intervals = new Float64Array(window);
    this.scratch = new Float64Array(window);
    this.hysteresis = hysteresis;
    this.minIntervals = Math.min(minIntervals, window);
  }

  /**
   * Adds one interval between consecutive samples.
   *
   * @param seconds - the interval in s (must be > 0)
   */
  push(seconds: number): void {
    this.intervals[this.head] = seconds;
    this.head = (this.head + 1) % this.intervals.length;
    if (this.count < this.intervals.length) this.count++;
    const est = this.estimate;
    this.last = est;
    if (this.count < this.minIntervals) return;
    if (!(this.current > 0) || Math.abs(est - this.current) > this.hysteresis * this.current) this.current = est;
  }

  /** Median-based rate of the last intervals, in Hz (NaN before any interval). */
  get estimate(): number {
    const k = this.count;
    if (k === 0) return NaN;
    // Insertion sort into the scratch buffer: no allocation, tiny window.
    const a = this.scratch;
    for (let i = 0; i < k; i++) {
      const v = this.intervals[i] as number;
      let j = i - 1;
      while (j >= 0 && (a[j] as number) > v) {
        a[j + 1] = a[j] as number;
        j--;
      }
      a[j + 1] = v;
    }
    const h = k >> 1;
    const med = k % 2 ? (a[h] as number) : ((a[h - 1] as number) + (a[h] as number)) / 2;
    return 1 / med;
  }

  /** Rate to report, in Hz: the estimate with hysteresis (NaN until `minIntervals` intervals). */
  get reported(): number {
    return this.current;
  }

  /** Median interval in s as of the last {@link RateMeter.push} (NaN before any interval). */
  get period(): number {
    return 1 / this.last;
  }
}
