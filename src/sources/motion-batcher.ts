import { checkArg } from '../errors.js';
import { GAP_PERIODS, measuredRate, SampleSchedule } from '../core/timing.js';
import { createBatch, type ChannelInfo, type SampleBatch, type SensorKind } from '../core/batch.js';
import { RateMeter } from './rate-meter.js';

/**
 * Options of {@link MotionBatcher}.
 *
 * @example
 * ```ts
 * import { MotionBatcher, type MotionBatcherOptions } from 'scl-wear/advanced';
 * const options: MotionBatcherOptions = { batchSeconds: 1, warmupSeconds: 2, gapFactor: 3 };
 * const batcher = new MotionBatcher('acc', [{ name: 'ax', unit: 'g' }], (b) => console.log(b.rate), options);
 * ```
 */
export interface MotionBatcherOptions {
  /** Batch duration in s (default 0.25). */
  batchSeconds?: number;
  /** Time over which the stream's rate is measured before the first batch, in s (default 1). */
  warmupSeconds?: number;
  /** k of the timing model: a hole of more than k periods of the measured rate is a gap (default 2.5). */
  gapFactor?: number;
}

/**
 * Collects timestamped samples of an event-driven sensor into fixed-duration
 * {@link SampleBatch}es with per-sample timestamps, sequence numbers and gap markers.
 *
 * The stream's `rate` is measured, not trusted: samples are held for `warmupSeconds`, the rate
 * is their measured rate (the timing model's `measuredRate`) and is kept for the whole stream
 * (operators need one rate per stream); `meter.rate` follows the live rate. Gaps follow the
 * timing model: a hole of more than `gapFactor` periods of the measured rate after an on-time
 * sample; jitter, pairs and bursts are not gaps. A sample whose time does not increase is
 * dropped and counted in `dropped`.
 *
 * @example
 * ```ts
 * import { MotionBatcher } from 'scl-wear/advanced';
 * const channels = [{ name: 'ax', unit: 'm/s^2' }, { name: 'ay', unit: 'm/s^2' }, { name: 'az', unit: 'm/s^2' }] as const;
 * const batcher = new MotionBatcher('acc', channels, (batch) => console.log(batch.t0, batch.rate));
 * addEventListener('devicemotion', (e) => {
 *   const a = e.accelerationIncludingGravity;
 *   batcher.push(e.timeStamp / 1000, [a?.x ?? NaN, a?.y ?? NaN, a?.z ?? NaN]); // s; m/s²
 * });
 * ```
 */
export class MotionBatcher {
  /** Samples dropped because their timestamp did not increase. */
  dropped = 0;
  /** Live rate meter (median of the last intervals). */
  readonly meter = new RateMeter();
  /** The stream's measured rate in Hz (NaN during warm-up). */
  rate = NaN;
  private readonly nc: number;
  private readonly batchSeconds: number;
  private readonly warmup: number;
  private readonly gapFactor: number;
  private data: Float32Array;
  private times: Float64Array;
  private n = 0;
  private seq = 0;
  private lastT = NaN;
  private pendingGap: number | undefined;
  private schedule: SampleSchedule | undefined;

  /**
   * @param kind - sensor kind of the batches
   * @param channels - channel names and units, in the order of the pushed values
   * @param emit - receives each batch
   * @param options - batch duration, warm-up, gap detection
   * @throws InputError `E_ARGUMENT` on a non-positive duration or a gap factor ≤ 1
   */
  constructor(
    readonly kind: SensorKind,
    readonly channels: readonly ChannelInfo[],
    private readonly emit: (batch: SampleBatch) => void,
    options: MotionBatcherOptions = {},
  ) {
    this.nc = channels.length;
    this.batchSeconds = options.batchSeconds ?? 0.25;
    this.warmup = options.warmupSeconds ?? 1;
    this.gapFactor = options.gapFactor ?? GAP_PERIODS;
    checkArg(this.batchSeconds > 0, 'batchSeconds', 'a positive number of seconds', this.batchSeconds);
    checkArg(this.warmup >= 0, 'warmupSeconds', 'a non-negative number of seconds', this.warmup);
    checkArg(this.gapFactor > 1, 'gapFactor', 'a number above 1', this.gapFactor);
    this.data = new Float32Array(256 * this.nc);
    this.times = new Float64Array(256);
  }

  /**
   * Adds one sample.
   *
   * @param t - sample time in s
   * @param values - one value per channel, already in the channel's unit
   */
  push(t: number, values: ArrayLike<number>): void {
    if (!Number.isNaN(this.lastT)) {
      const dt = t - this.lastT;
      if (!(dt > 0)) {
        this.dropped++;
        return;
      }
      const gap = this.schedule ? this.schedule.next(t) : 0;
      if (gap > 0) {
        this.flush();
        this.pendingGap = gap;
      } else {
        this.meter.push(dt);
        const measured = this.schedule !== undefined;
        if (this.n > 0 && t - (this.times[0] as number) >= this.batchSeconds) this.flush(false);
        // The warm-up just ended: this sample is the first the new schedule has not seen.
        if (!measured && this.schedule) this.schedule.next(t);
      }
    }
    if (this.n === this.times.length) this.grow();
    this.times[this.n] = t;
    this.data.set(values, this.n * this.nc);
    this.n++;
    this.lastT = t;
  }

  /**
   * Emits the samples collected so far as batches of `batchSeconds`; with `all` false a
   * trailing partial batch stays for the next call (after the warm-up). Nothing is emitted
   * during the warm-up.
   *
   * @param all - emit the trailing partial batch too (before a gap)
   */
  flush(all = true): void {
    if (this.n === 0) return;
    if (!(this.rate > 0)) {
      if (this.n < 2 || (this.times[this.n - 1] as number) - (this.times[0] as number) < this.warmup) return;
      const times = this.times.subarray(0, this.n);
      this.rate = measuredRate(times, this.gapFactor);
      this.schedule = new SampleSchedule(1 / this.rate, this.gapFactor);
      for (const t of times) this.schedule.next(t);
    }
    let start = 0;
    for (let i = 1; i <= this.n; i++) {
      if (i < this.n && (this.times[i] as number) - (this.times[start] as number) < this.batchSeconds) continue;
      if (i === this.n && start > 0 && !all) break;
      this.emitRange(start, i);
      start = i;
    }
    this.times.copyWithin(0, start, this.n);
    this.data.copyWithin(0, start * this.nc, this.n * this.nc);
    this.n -= start;
  }

  private emitRange(from: number, to: number): void {
    const batch = createBatch({
      kind: this.kind,
      channels: this.channels,
      rate: this.rate,
      t0: this.times[from] as number,
      seq: this.seq++,
      data: this.data.slice(from * this.nc, to * this.nc),
      timestamps: this.times.slice(from, to),
      ...(this.pendingGap !== undefined ? { gapBefore: this.pendingGap } : {}),
    });
    this.pendingGap = undefined;
    this.emit(batch);
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
