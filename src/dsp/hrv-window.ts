import { checkArg } from '../errors.js';
import { HrvCalculator, type HrvSummary } from './hrv.js';
import type { RRInterval } from './rr-intervals.js';

/**
 * Options of {@link HrvWindow}, in seconds.
 *
 * @example
 * ```ts
 * import { HrvWindow } from 'scl-wear/dsp';
 * const ultraShort = new HrvWindow({ window: 60, step: 10, minSpan: 30 }); // seconds
 * ```
 * @example
 * ```ts
 * import { hrv, rpeaks, rrIntervals, type HrvWindowOptions } from 'scl-wear';
 * const ultraShort: HrvWindowOptions = { window: 60, step: 10, minSpan: 30 }; // seconds
 * ecg$.pipe(rpeaks(), rrIntervals(), hrv(ultraShort)).subscribe((h) => console.log(h.rmssd));
 * ```
 */
export interface HrvWindowOptions {
  /** Length of the window (default 300 s, the standard short-term recording). */
  readonly window?: number;
  /** A summary is produced every `step` seconds of beats (default 30 s). */
  readonly step?: number;
  /** No summary until the beats span at least this long (default 60 s). */
  readonly minSpan?: number;
}

/**
 * Rolling HRV: keeps the RR intervals of the last `window` seconds in preallocated rings and
 * summarises them every `step` seconds with {@link HrvCalculator}.
 *
 * @example
 * ```ts
 * import { HrvWindow } from 'scl-wear/dsp';
 * const hrv = new HrvWindow({ window: 300, step: 30 });
 * const summary = hrv.push(interval); // an HrvSummary every 30 s of beats, else undefined
 * ```
 */
export class HrvWindow {
  /** Length of the window, in seconds. */
  readonly window: number;
  /** Seconds of beats between summaries. */
  readonly step: number;
  /** No summary until the beats span at least this many seconds. */
  readonly minSpan: number;
  private readonly calc: HrvCalculator;
  private readonly time: Float64Array;
  private readonly rr: Float64Array;
  private readonly normal: Uint8Array;
  private head = 0;
  private size = 0;
  private first = NaN;
  private nextAt = NaN;
  private readonly scratch: { time: Float64Array; rr: Float64Array; normal: Uint8Array };

  /**
   * @param options - window, step and minimum span in seconds
   * @throws InputError `E_ARGUMENT` when a length is not positive or `minSpan` exceeds `window`
   */
  constructor(options: HrvWindowOptions = {}) {
    const { window = 300, step = 30, minSpan = Math.min(60, window) } = options;
    checkArg(Number.isFinite(window) && window > 0, 'window', 'a positive number of seconds', window);
    checkArg(Number.isFinite(step) && step > 0, 'step', 'a positive number of seconds', step);
    checkArg(Number.isFinite(minSpan) && minSpan >= 0 && minSpan <= window, 'minSpan', `seconds from 0 to window (${window})`, minSpan);
    this.window = window;
    this.step = step;
    this.minSpan = minSpan;
    // RR intervals are at least 0.2 s apart (the detector's refractory time); keep a margin.
    const capacity = Math.ceil(window / 0.2) + 16;
    this.time = new Float64Array(capacity);
    this.rr = new Float64Array(capacity);
    this.normal = new Uint8Array(capacity);
    this.calc = new HrvCalculator(capacity);
    this.scratch = { time: new Float64Array(capacity), rr: new Float64Array(capacity), normal: new Uint8Array(capacity) };
  }

  /**
   * Adds an interval (in time order) and returns a summary when a step is complete.
   *
   * @param iv - the next classified RR interval
   */
  push(iv: RRInterval): HrvSummary | undefined {
    const cap = this.time.length;
    const at = (this.head + this.size) % cap;
    this.time[at] = iv.time;
    this.rr[at] = iv.rr;
    this.normal[at] = iv.kind === 'normal' ? 1 : 0;
    if (this.size < cap) this.size++;
    else this.head = (this.head + 1) % cap;
    if (Number.isNaN(this.first)) {
      this.first = iv.time - iv.rr;
      this.nextAt = this.first + this.step;
    }
    // Drop what fell out of the window.
    while (this.size > 0 && (this.time[this.head] as number) - (this.rr[this.head] as number) < iv.time - this.window - 1e-9) {
      this.head = (this.head + 1) % cap;
      this.size--;
    }
    if (iv.time < this.nextAt) return undefined;
    this.nextAt += Math.ceil((iv.time - this.nextAt + 1e-12) / this.step) * this.step;
    if (iv.time - this.first < this.minSpan || this.size === 0) return undefined;
    return this.summary();
  }

  /** Summarises what the window holds now (e.g. at the end of a stream). */
  summary(): HrvSummary {
    const { time, rr, normal } = this.scratch;
    const cap = this.time.length;
    for (let i = 0; i < this.size; i++) {
      const j = (this.head + i) % cap;
      time[i] = this.time[j] as number;
      rr[i] = this.rr[j] as number;
      normal[i] = this.normal[j] as number;
    }
    return this.calc.compute(time, rr, normal, this.size);
  }

  /** Forgets every interval. */
  reset(): void {
    this.head = 0;
    this.size = 0;
    this.first = NaN;
    this.nextAt = NaN;
  }
}
