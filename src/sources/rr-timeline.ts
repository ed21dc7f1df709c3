import { checkArg } from '../errors.js';

/**
 * Options of `RRTimeline`.
 *
 * @example
 * ```ts
 * import { requestHeartRateDevice, heartRateSource } from 'scl-wear';
 * // the `rr` field of the source options is an RRTimelineOptions
 * button.onclick = async () => heartRateSource(await requestHeartRateDevice(), { rr: { maxLag: 3 } }).rr$.subscribe(console.log);
 * ```
 */
export interface RRTimelineOptions {
  /**
   * Lag of the beat chain behind a notification's arrival beyond which intervals were lost
   * and the chain re-anchors, in s (default 2; keep it above the sensor's notification period
   * plus its jitter, 1 s for most straps).
   */
  maxLag?: number;
}

/**
 * Gives each RR interval the time of the beat that ends it, on the host clock.
 *
 * RR intervals are exact (sensor clock) but notifications arrive up to a notification period
 * (~1 s) after the beat. The first notification anchors its last beat to its arrival time;
 * later beats are chained by adding their intervals, so beat times are as regular as the
 * intervals themselves. When the chain lags a notification's arrival by more than `maxLag`,
 * intervals were lost (no skin contact, dropped notifications): the chain re-anchors to the
 * arrival and the missing time is reported as a gap. Beat times may run late by the anchoring
 * notification's latency (≤ ~1 s); a loss shorter than `maxLag` minus that latency goes
 * unnoticed in the timing (the RR values themselves stay exact). Beats never run more than
 * `maxLag` ahead of the notification that reports them: intervals adding up to more (a strap
 * whose intervals run long) are squeezed into that time, so beat times cannot drift into the
 * future.
 *
 * @example
 * ```ts
 * const timeline = new RRTimeline();
 * const beats = new Float64Array(m.rr.length);
 * const gap = timeline.place(m.rr, performance.now() / 1000, beats);
 * ```
 */
export class RRTimeline {
  private readonly maxLag: number;
  private started = false;
  private resumed = false;
  private lastBeat = 0;

  /**
   * @param options - loss threshold
   * @throws InputError `E_ARGUMENT` on a non-positive `maxLag`
   */
  constructor(options: RRTimelineOptions = {}) {
    this.maxLag = options.maxLag ?? 2;
    checkArg(this.maxLag > 0, 'maxLag', 'a positive number of seconds', this.maxLag);
  }

  /**
   * Starts a new segment (after a reconnect): the next notification re-anchors to its arrival,
   * but never before the previous beat, and reports the time between them as its gap.
   */
  reset(): void {
    this.resumed = this.started;
    this.started = false;
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
    let gap = 0;
    if (!this.started) {
      this.started = true;
      if (!this.resumed) return this.chain(rrMs, arrival - sum, out, 0);
      this.resumed = false;
      gap = Math.max(0, arrival - sum - this.lastBeat);
    } else {
      const lag = arrival - (this.lastBeat + sum);
      if (lag > this.maxLag) gap = lag;
    }
    return this.chain(rrMs, this.lastBeat + gap, out, gap, arrival);
  }

  private chain(rrMs: Float64Array, start: number, out: Float64Array, gap: number, arrival = Infinity): number {
    let sum = 0;
    for (let i = 0; i < rrMs.length; i++) sum += (rrMs[i] as number) / 1000;
    // Beats run ahead of the notification reporting them only by the anchoring latency: when
    // the intervals add up to more than the time to `maxLag` after the arrival, they are
    // squeezed into it, so a strap whose intervals run long cannot drift into the future.
    const limit = arrival + this.maxLag;
    const scale = start + sum > limit && limit > start ? (limit - start) / sum : 1;
    let t = 0;
    for (let i = 0; i < rrMs.length; i++) {
      t += (rrMs[i] as number) / 1000;
      out[i] = start + t * scale;
    }
    this.lastBeat = start + t * scale;
    return gap;
  }
}
