import { checkArg } from '../errors.js';

/**
 * Options of `FrameClock`.
 *
 * @example
 * ```ts
 * import { requestPolarDevice, polarH10 } from 'scl-wear';
 * // the `clock` field of the Polar options is a FrameClockOptions
 * button.onclick = async () => polarH10(await requestPolarDevice(), { clock: { window: 48, maxGap: 5 } }).ecg().subscribe(console.log);
 * ```
 */
export interface FrameClockOptions {
  /** Frames in the running fit (default 24). */
  window?: number;
  /** Largest forward jump of the sensor clock still read as lost samples, in s (default 10). */
  maxGap?: number;
  /** Allowed deviation of the estimated rate from nominal, as a fraction (default 0.2). */
  rateTolerance?: number;
}

/**
 * Rebuilds one timestamp per sample from PMD frame timestamps (sensor time of each frame's
 * last sample), on the host clock.
 *
 * The sample period is estimated with a robust running fit of sensor time against sample
 * index over the last `window` frames: Theil–Sen slope (median of pairwise slopes) and median
 * intercept, so one bad frame timestamp moves nothing and slow drift of the sensor's real rate
 * is followed. Samples of a frame are spread evenly from the previous sample to the fitted
 * time of the frame's last sample, so timestamps stay continuous and strictly increasing.
 *
 * A frame that ends later than the fit predicts by more than its tolerance (but less than
 * `maxGap`) means lost samples: its samples are placed back from its own timestamp and the
 * missing time is returned as the gap. A frame that goes back in time or jumps further than
 * `maxGap` means the sensor clock was reset: the clock is re-based so output time continues,
 * unless the host clock shows an outage (over the frame's duration plus 1 s since the last
 * frame): then the frame is placed as after a reconnect (by sensor time if that clock ran
 * on, else at its arrival) and the outage is returned as the gap.
 *
 * Output time = host time (s) at the first frame's arrival + sensor time elapsed since then.
 * Host-versus-sensor oscillator drift (tens of ppm) is not corrected.
 *
 * @example
 * ```ts
 * const clock = new FrameClock(130);
 * const t = new Float64Array(frame.length);
 * const gap = clock.place(sensorSeconds, frame.length, performance.now() / 1000, t);
 * ```
 */
export class FrameClock {
  /** Number of clock re-bases (sensor clock jumps) seen. */
  rebases = 0;
  private readonly nominal: number;
  private readonly size: number;
  private readonly maxGap: number;
  private readonly tolerance: number;
  private readonly idx: Float64Array;
  private readonly sec: Float64Array;
  private readonly pairs: Float64Array;
  private readonly resid: Float64Array;
  private count = 0;
  private head = 0;
  private started = false;
  private resumed = false;
  private lastHost = 0;
  private origin = 0;
  private first = 0;
  private shift = 0;
  private next = 0;
  private last = 0;
  private period: number;
  private intercept = 0;

  /**
   * @param nominalRate - the rate the sensor was started at, in Hz
   * @param options - fit window, gap limit and rate tolerance
   * @throws InputError `E_ARGUMENT` on a non-positive rate or window below 2
   */
  constructor(nominalRate: number, options: FrameClockOptions = {}) {
    checkArg(Number.isFinite(nominalRate) && nominalRate > 0, 'nominalRate', 'a positive number of Hz', nominalRate);
    const size = options.window ?? 24;
    checkArg(Number.isInteger(size) && size >= 2 && size <= 256, 'window', 'an integer from 2 to 256', size);
    this.nominal = 1 / nominalRate;
    this.period = this.nominal;
    this.size = size;
    this.maxGap = options.maxGap ?? 10;
    this.tolerance = options.rateTolerance ?? 0.2;
    this.idx = new Float64Array(size);
    this.sec = new Float64Array(size);
    this.pairs = new Float64Array((size * (size - 1)) / 2);
    this.resid = new Float64Array(size);
  }

  /** Current estimate of the sensor's real sample rate, in Hz. */
  get rate(): number {
    return 1 / this.period;
  }

  /**
   * Marks a reconnect. If the sensor clock ran on (sensor and host time since the last frame
   * agree within 1 s), the next frame is placed by sensor time and the gap is exact; otherwise
   * (sensor restarted) it is re-anchored to its arrival, never before the last sample.
   */
  reset(): void {
    if (this.started) this.resumed = true;
  }

  /**
   * Places the samples of one frame.
   *
   * @param sensorTime - sensor time of the frame's last sample, in s (any epoch)
   * @param n - samples in the frame (≥ 1)
   * @param hostNow - host time of the frame's arrival, in s (used to anchor the first frame)
   * @param out - receives the `n` sample times, in s on the host clock
   * @returns seconds of signal missing before this frame (0 when continuous)
   */
  place(sensorTime: number, n: number, hostNow: number, out: Float64Array): number {
    if (!this.started) {
      this.started = true;
      this.lastHost = hostNow;
      this.first = sensorTime;
      this.origin = hostNow;
      this.shift = 0;
      this.next = 0;
      this.last = 0;
      this.count = 0;
      this.head = 0;
      return this.emitFrom(this.elapsed(sensorTime), n, out, 0);
    }
    const hostElapsed = hostNow - this.lastHost;
    this.lastHost = hostNow;
    if (this.resumed) return this.resume(sensorTime, n, hostNow, hostElapsed, out);
    const s = this.elapsed(sensorTime);
    const endIndex = this.next + n - 1;
    const r = s - (this.intercept + this.period * endIndex);
    const tol = Math.max(3 * this.period, 0.25 * n * this.period);
    if (Math.abs(r) <= tol) {
      this.push(endIndex, s);
      this.fit();
      const end = this.intercept + this.period * endIndex;
      const step = Math.max((end - this.last) / n, 0.5 * this.period);
      for (let i = 0; i < n; i++) out[i] = this.origin + this.last + step * (i + 1);
      this.last += step * n;
      this.next += n;
      return 0;
    }
    if (r > tol && r <= this.maxGap) {
      // Never before the last sample, even if the fit had fallen behind it.
      const end = Math.max(s, this.last + n * this.period);
      this.next += Math.round((end - s + r) / this.period);
      this.push(this.next + n - 1, end);
      this.fit();
      return this.emitFrom(end, n, out, Math.max(0, end - (n - 1) * this.period - this.last - this.period));
    }
    // An outage (the host clock moved on by more than the frame plus 1 s of latency): place the
    // frame by sensor time if that clock ran on, else at its arrival, and report the gap.
    if (hostElapsed > n * this.period + 1) return this.resume(sensorTime, n, hostNow, hostElapsed, out);
    // Sensor clock reset: re-base so that this frame continues right after the last sample.
    this.rebases++;
    this.shift += this.last + n * this.period - s;
    this.count = 0;
    this.head = 0;
    return this.emitFrom(this.elapsed(sensorTime), n, out, 0);
  }

  /** First frame after a reconnect: by sensor time when its clock ran on, else by arrival. */
  private resume(sensorTime: number, n: number, hostNow: number, hostElapsed: number, out: Float64Array): number {
    this.resumed = false;
    let end = this.elapsed(sensorTime);
    if (!(end - this.last > 0 && Math.abs(end - this.last - hostElapsed) < 1)) {
      this.rebases++;
      end = hostNow - this.origin;
      this.shift += end - this.elapsed(sensorTime);
      this.count = 0;
      this.head = 0;
    }
    end = Math.max(end, this.last + n * this.period);
    const first = end - (n - 1) * this.period;
    this.next += Math.max(0, Math.round((first - this.last) / this.period) - 1);
    if (this.count > 0) this.push(this.next + n - 1, end);
    return this.emitFrom(end, n, out, Math.max(0, first - this.last - this.period));
  }

  private elapsed(sensorTime: number): number {
    return sensorTime - this.first + this.shift;
  }

  /** Places `n` samples ending at `end` (elapsed s) with the current period. */
  private emitFrom(end: number, n: number, out: Float64Array, gap: number): number {
    const endIndex = this.next + n - 1;
    if (this.count === 0) {
      this.push(endIndex, end);
      this.intercept = end - this.period * endIndex;
    }
    for (let i = 0; i < n; i++) out[i] = this.origin + end - (n - 1 - i) * this.period;
    this.last = end;
    this.next += n;
    return gap;
  }

  private push(index: number, s: number): void {
    this.idx[this.head] = index;
    this.sec[this.head] = s;
    this.head = (this.head + 1) % this.size;
    if (this.count < this.size) this.count++;
  }

  /** Theil–Sen slope and median intercept over the window, slope clamped near nominal. */
  private fit(): void {
    const k = this.count;
    if (k >= 2) {
      let m = 0;
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          const dn = (this.idx[j] as number) - (this.idx[i] as number);
          if (dn !== 0) this.pairs[m++] = ((this.sec[j] as number) - (this.sec[i] as number)) / dn;
        }
      }
      if (m > 0) {
        const lo = this.nominal * (1 - this.tolerance);
        const hi = this.nominal * (1 + this.tolerance);
        this.period = Math.min(hi, Math.max(lo, median(this.pairs.subarray(0, m))));
      }
    }
    for (let i = 0; i < k; i++) this.resid[i] = (this.sec[i] as number) - this.period * (this.idx[i] as number);
    this.intercept = median(this.resid.subarray(0, k));
  }
}

function median(a: Float64Array): number {
  a.sort();
  const h = a.length >> 1;
  return a.length % 2 ? (a[h] as number) : ((a[h - 1] as number) + (a[h] as number)) / 2;
}
