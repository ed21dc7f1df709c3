import { checkArg } from '../errors.js';

/**
 * Live estimate of an event-driven sensor's real sample rate: the median of the last `window`
 * intervals between its timestamps (robust to late or bunched events). Allocation-free.
 *
 * @example
 * ```ts
 * import { RateMeter } from 'scl-wear/advanced';
 * const meter = new RateMeter();
 * meter.push(0.0167); meter.push(0.0166);
 * meter.rate; // ≈ 60 Hz
 * ```
 */
export class RateMeter {
  private readonly intervals: Float64Array;
  private readonly scratch: Float64Array;
  private count = 0;
  private head = 0;
  private median = NaN;

  /**
   * @param window - intervals in the median (default 64)
   * @throws InputError `E_ARGUMENT` on a window below 1
   */
  constructor(window = 64) {
    checkArg(Number.isInteger(window) && window >= 1, 'window', 'a positive integer', window);
    this.intervals = new Float64Array(window);
    this.scratch = new Float64Array(window);
  }

  /**
   * Adds one interval between consecutive samples.
   *
   * @param seconds - the interval in s (> 0)
   */
  push(seconds: number): void {
    this.intervals[this.head] = seconds;
    this.head = (this.head + 1) % this.intervals.length;
    if (this.count < this.intervals.length) this.count++;
    // Insertion sort into the scratch buffer: no allocation, small window.
    const a = this.scratch;
    const k = this.count;
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
    this.median = k % 2 ? (a[h] as number) : ((a[h - 1] as number) + (a[h] as number)) / 2;
  }

  /** Median interval in s (NaN before any interval). */
  get period(): number {
    return this.median;
  }

  /** Rate in Hz: 1 / median interval (NaN before any interval). */
  get rate(): number {
    return 1 / this.median;
  }
}
