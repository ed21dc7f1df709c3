import { checkArg } from '../errors.js';
import { createBatch, type ChannelInfo, type SampleBatch, type SensorKind } from '../core/batch.js';
import { RateMeter } from './rate-meter.js';

/** Options of {@link MotionBatcher}. */
export interface MotionBatcherOptions {
  /** Batch duration in s (default 0.25). */
  batchSeconds?: number;
  /** An interval longer than this many median intervals is a gap (default 5, and at least 0.1 s). */
  gapFactor?: number;
  /** Rate used until enough intervals are measured, in Hz (default: from the first batch). */
  nominalRate?: number;
}

/**
 * Collects timestamped samples of an event-driven sensor into fixed-duration
 * {@link SampleBatch}es with per-sample timestamps, the measured rate, sequence numbers and
 * gap markers. A sample whose time does not increase is dropped and counted in `dropped`.
 *
 * @example
 * ```ts
 * import { MotionBatcher } from 'scl-wear';
 * const b = new MotionBatcher('acc', [{ name: 'ax', unit: 'm/s^2' }, { name: 'ay', unit: 'm/s^2' }, { name: 'az', unit: 'm/s^2' }]);
 * const v = new Float64Array(3);
 * const batch = b.push(t, v); // a batch every 0.25 s
 * ```
 */
export class MotionBatcher {
  /** Samples dropped because their timestamp did not increase. */
  dropped = 0;
  /** The rate meter (its `estimate` is the live measured rate). */
  readonly meter = new RateMeter();
  private readonly nc: number;
  private readonly batchSeconds: number;
  private readonly gapFactor: number;
  private readonly nominal: number | undefined;
  private data: Float32Array;
  private times: Float64Array;
  private n = 0;
  private seq = 0;
  private lastT = NaN;
  private pendingGap: number | undefined;

  /**
   * @param kind - sensor kind of the batches
   * @param channels - channel names and units, in the order of the pushed values
   * @param options - batch duration, gap detection, initial rate
   * @throws InputError `E_ARGUMENT` on a non-positive batch duration or gap factor
   */
  constructor(
    readonly kind: SensorKind,
    readonly channels: readonly ChannelInfo[],
    options: MotionBatcherOptions = {},
  ) {
    this.nc = channels.length;
    this.batchSeconds = options.batchSeconds ?? 0.25;
    this.gapFactor = options.gapFactor ?? 5;
    this.nominal = options.nominalRate;
    checkArg(this.batchSeconds > 0, 'batchSeconds', 'a positive number of seconds', this.batchSeconds);
    checkArg(this.gapFactor > 1, 'gapFactor', 'a number above 1', this.gapFactor);
    this.data = new Float32Array(256 * this.nc);
    this.times = new Float64Array(256);
  }

  /**
   * Adds one sample; returns the batch it completed, if any (the sample then starts the next).
   *
   * @param t - sample time in s
   * @param values - one value per channel, already in the channel's unit
   */
  push(t: number, values: ArrayLike<number>): SampleBatch | undefined {
    let done: SampleBatch | undefined;
    if (this.n > 0 || !Number.isNaN(this.lastT)) {
      const dt = t - this.lastT;
      if (!(dt > 0)) {
        this.dropped++;
        return undefined;
      }
      const period = this.meter.period;
      if (dt > Math.max(0.1, this.gapFactor * period)) {
        done = this.flush();
        this.pendingGap = dt - period;
      } else {
        this.meter.push(dt);
        if (this.n > 0 && t - (this.times[0] as number) >= this.batchSeconds) done = this.flush();
      }
    }
    if (this.n === this.times.length) this.grow();
    this.times[this.n] = t;
    this.data.set(values as ArrayLike<number>, this.n * this.nc);
    this.n++;
    this.lastT = t;
    return done;
  }

  /** Emits the samples collected so far (undefined when none). */
  flush(): SampleBatch | undefined {
    if (this.n === 0) return undefined;
    const measured = this.meter.reported;
    const span = this.n > 1 ? ((this.times[this.n - 1] as number) - (this.times[0] as number)) / (this.n - 1) : NaN;
    const rate = measured > 0 ? measured : this.nominal ?? (span > 0 ? 1 / span : 1 / this.batchSeconds);
    const batch = createBatch({
      kind: this.kind,
      channels: this.channels,
      rate,
      t0: this.times[0] as number,
      seq: this.seq++,
      data: this.data.slice(0, this.n * this.nc),
      timestamps: this.times.slice(0, this.n),
      ...(this.pendingGap !== undefined ? { gapBefore: this.pendingGap } : {}),
    });
    this.pendingGap = undefined;
    this.n = 0;
    return batch;
  }

  private grow(): void {
    const data = new Float32Array(this.data.length * 2);
    data.set(this.data);
    this.data = data;
    const times = new Float64Array(this.times.length * 2);
    times.set(this.times);
    this.times = times;
  }
}
