import { checkArg } from '../errors.js';
import { assessEcgWindow, ECG_QUALITY_RULES, type EcgQuality } from './ecg-quality.js';
import { RPeakDetector } from './rpeak-detector.js';

/**
 * Streaming signal-quality index for one ECG lead (mV): cuts the stream into windows of
 * `windowSeconds`, detects beats with its own {@link RPeakDetector} and rates each window with
 * `assessEcgWindow`: template matching of the beats (Orphanidou et al. 2015: mean
 * correlation with the average beat ≥ 0.66, heart rate 40–180 bpm, no 3 s without a beat), plus
 * lead-off (non-finite samples), flat line and clipping.
 *
 * A window is reported once every beat in it is decided (up to the detector's delay, about
 * 3.5 s after its end). Input is taken in slices of at most one second, so memory is fixed
 * whatever the batch size, and results do not depend on how the stream is batched.
 *
 * @example
 * ```ts
 * import { EcgQualityMeter } from 'scl-wear/dsp';
 * const meter = new EcgQualityMeter(130, 10);
 * meter.process(samples, (q) => { if (!q.usable) hideHeartRate(q.start, q.length); });
 * ```
 */
export class EcgQualityMeter {
  /** Sample rate in Hz. */
  readonly rate: number;
  /** Window length in samples. */
  readonly windowLength: number;
  private readonly det: RPeakDetector;
  private readonly ring: Float32Array;
  private readonly scratch: Float64Array;
  private readonly peakOut: Float64Array;
  private readonly peaks: Float64Array;
  private peakCount = 0;
  private readonly slice: number;
  private readonly after: number;
  private winStart = 0;

  /**
   * @param rate - sample rate in Hz (100–2000)
   * @param windowSeconds - window length in seconds (2–120), default 10
   * @throws InputError `E_RATE` for a rate outside 100–2000 Hz, `E_ARGUMENT` for a bad window
   */
  constructor(rate: number, windowSeconds = 10) {
    checkArg(
      Number.isFinite(windowSeconds) && windowSeconds >= 2 && windowSeconds <= 120,
      'windowSeconds',
      'from 2 to 120 s',
      windowSeconds,
    );
    this.det = new RPeakDetector(rate);
    this.rate = rate;
    this.windowLength = Math.round(windowSeconds * rate);
    this.slice = Math.round(rate);
    this.after = Math.round(ECG_QUALITY_RULES.after * rate) + 1;
    const before = Math.round(ECG_QUALITY_RULES.before * rate);
    const span = before + this.windowLength + this.after + this.det.maxDelay + this.slice + 8;
    let size = 1;
    while (size < span) size <<= 1;
    this.ring = new Float32Array(size).fill(Number.NaN);
    this.scratch = new Float64Array(2 * (before + this.after + 1));
    this.peakOut = new Float64Array(this.det.capacityFor(this.slice));
    this.peaks = new Float64Array(Math.ceil(span / (0.2 * rate)) + 8);
  }

  /**
   * Processes samples and reports the windows that are complete.
   *
   * @param input - consecutive ECG samples in mV (non-finite = missing)
   * @param emit - receives each finished window, in order
   */
  process(input: Float32Array, emit: (q: EcgQuality) => void): void {
    for (let from = 0; from < input.length; from += this.slice) {
      const part = input.subarray(from, Math.min(input.length, from + this.slice));
      const at = this.det.samples;
      const mask = this.ring.length - 1;
      for (let i = 0; i < part.length; i++) this.ring[(at + i) & mask] = part[i] as number;
      this.take(this.det.process(part, this.peakOut));
      while (this.det.samples >= this.winStart + this.windowLength + this.after + this.det.maxDelay) {
        this.report(this.windowLength, emit);
      }
    }
  }

  /**
   * Ends the current window early because signal is missing before the next sample (a gap):
   * reports it as it is and starts the next window at the next sample.
   *
   * @param emit - receives the window, if it holds any sample
   */
  gap(emit: (q: EcgQuality) => void): void {
    this.take(this.det.gap(this.peakOut));
    this.flushWindows(emit);
  }

  /**
   * Ends the stream: reports the windows still open, the last one possibly shorter.
   *
   * @param emit - receives the windows
   */
  flush(emit: (q: EcgQuality) => void): void {
    this.take(this.det.flush(this.peakOut));
    this.flushWindows(emit);
  }

  private flushWindows(emit: (q: EcgQuality) => void): void {
    const end = this.det.samples;
    while (this.winStart + this.windowLength <= end) this.report(this.windowLength, emit);
    if (end > this.winStart) this.report(end - this.winStart, emit);
  }

  private take(count: number): void {
    for (let i = 0; i < count; i++) {
      if (this.peakCount === this.peaks.length) this.drop(1);
      this.peaks[this.peakCount++] = this.peakOut[i] as number;
    }
  }

  private drop(k: number): void {
    this.peaks.copyWithin(0, k, this.peakCount);
    this.peakCount -= k;
  }

  private report(length: number, emit: (q: EcgQuality) => void): void {
    const start = this.winStart;
    const end = start + length;
    let first = 0;
    while (first < this.peakCount && (this.peaks[first] as number) < start) first++;
    this.drop(first);
    let inside = 0;
    while (inside < this.peakCount && (this.peaks[inside] as number) < end) inside++;
    const mask = this.ring.length - 1;
    const input = {
      ring: this.ring,
      mask,
      written: this.det.samples,
      rate: this.rate,
      scratch: this.scratch,
      peaks: this.peaks,
      peakCount: inside,
    };
    emit(assessEcgWindow(input, start, length));
    this.winStart = end;
  }
}
