// The newest samples of a single-channel stream, rebuilt from its overlapping windows (each
// window repeats all but its last `hop` samples of the one before), to cut shifted copies of
// a window from the continuous signal.
import type { SampleWindow } from 'scl-wear';

export class WindowRecord {
  /** The newest samples, oldest first (only the last `filled` are valid). */
  readonly data: Float32Array;
  /** Valid samples at the end of `data`. */
  filled = 0;
  private lastT0 = NaN;

  /**
   * @param windowSamples - samples per window
   * @param windows - how many window lengths to keep
   */
  constructor(windowSamples: number, windows: number) {
    this.data = new Float32Array(windowSamples * windows);
  }

  /** Appends what a window adds; after a gap (or a skipped window) the record restarts. */
  push(w: SampleWindow, hop: number): void {
    const continuous = Math.abs(w.t0 - this.lastT0 - hop / w.rate) < 0.5 / w.rate;
    this.lastT0 = w.t0;
    const fresh = continuous && this.filled > 0 ? w.data.subarray(w.data.length - hop) : w.data;
    if (!continuous) this.filled = 0;
    this.data.copyWithin(0, fresh.length);
    this.data.set(fresh, this.data.length - fresh.length);
    this.filled = Math.min(this.data.length, this.filled + fresh.length);
  }
}
