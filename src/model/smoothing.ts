import { checkArg } from '../errors.js';
import type { ClassResult } from './encoder.js';

/**
 * Smoothing of class results over consecutive windows.
 *
 * @example
 * ```ts
 * import { classify, type SmoothingOptions } from 'scl-wear';
 * const smoothing: SmoothingOptions = { windows: 5, method: 'majority' };
 * imu$.pipe(classify(encoder, { smoothing })).subscribe((r) => console.log(r.label));
 * ```
 */
export interface SmoothingOptions {
  /** Number of windows, the current one included (≥ 1). */
  windows: number;
  /** `mean` (default): average the probabilities; `majority`: the most frequent label (ties → latest). */
  method?: 'mean' | 'majority';
}

/**
 * Smooths class results over the last `windows` windows of one stream. Starts afresh when a
 * window starts more than `maxStepSeconds` after the previous one (a gap in the stream).
 *
 * @example
 * ```ts
 * import { ClassSmoother } from 'scl-wear';
 * const smoother = new ClassSmoother(['walk', 'sit'], { windows: 3 }, 2.56);
 * const steady = smoother.push(result);
 * ```
 */
export class ClassSmoother {
  private readonly history: Float32Array;
  private readonly labels: Int32Array;
  private count = 0;
  private next = 0;
  private lastT0 = -Infinity;
  private readonly k: number;
  private readonly method: 'mean' | 'majority';

  /**
   * @param classes - class names in probability order
   * @param options - window count and method
   * @param maxStepSeconds - a larger step between window starts resets the history
   * @throws InputError `E_ARGUMENT` for a bad window count or method
   */
  constructor(
    private readonly classes: readonly string[],
    options: SmoothingOptions,
    private readonly maxStepSeconds: number,
  ) {
    this.k = options.windows;
    this.method = options.method ?? 'mean';
    checkArg(Number.isInteger(this.k) && this.k >= 1, 'smoothing.windows', 'a positive integer', options.windows);
    checkArg(this.method === 'mean' || this.method === 'majority', 'smoothing.method', "'mean' or 'majority'", options.method);
    this.history = new Float32Array(this.k * classes.length);
    this.labels = new Int32Array(this.k);
  }

  /** Adds a result and returns it with smoothed `probs` (a new array), `label` and `labelIndex`. */
  push(r: ClassResult): ClassResult {
    const nk = this.classes.length;
    if (r.t0 - this.lastT0 > this.maxStepSeconds + 1e-9) this.count = 0;
    this.lastT0 = r.t0;
    this.history.set(r.probs, this.next * nk);
    this.labels[this.next] = r.labelIndex;
    this.next = (this.next + 1) % this.k;
    this.count = Math.min(this.count + 1, this.k);
    const probs = new Float32Array(nk);
    for (let j = 0; j < this.count; j++) {
      const slot = (this.next - 1 - j + this.k) % this.k;
      for (let c = 0; c < nk; c++) probs[c]! += this.history[slot * nk + c]! / this.count;
    }
    let labelIndex = 0;
    if (this.method === 'mean') {
      for (let c = 1; c < nk; c++) if (probs[c]! > probs[labelIndex]!) labelIndex = c;
    } else {
      const votes = new Int32Array(nk);
      for (let j = 0; j < this.count; j++) votes[this.labels[(this.next - 1 - j + this.k) % this.k]!]!++;
      labelIndex = r.labelIndex; // the latest label wins ties
      for (let c = 0; c < nk; c++) if (votes[c]! > votes[labelIndex]!) labelIndex = c;
    }
    return { ...r, probs, labelIndex, label: this.classes[labelIndex]! };
  }
}
