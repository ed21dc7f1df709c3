/**
 * Kind of an RR interval: `normal` (a normal-to-normal, NN, interval), `ectopic` (more than
 * 20 % away from the local reference: a premature beat or its compensatory pause, or a missed
 * or extra detection) or `artifact` (outside the physiological range 0.25–2.5 s).
 *
 * @example
 * ```ts
 * import { RRClassifier } from 'scl-wear/dsp';
 * const counts = { normal: 0, ectopic: 0, artifact: 0 };
 * const rr = new RRClassifier();
 * rr.push(12.81, 0.81, (iv) => counts[iv.kind]++);
 * ```
 * @example
 * ```ts
 * import { rpeaks, rrIntervals, type RRKind } from 'scl-wear';
 * const counts: Record<RRKind, number> = { normal: 0, ectopic: 0, artifact: 0 };
 * ecg$.pipe(rpeaks(), rrIntervals()).subscribe((iv) => counts[iv.kind]++);
 * ```
 */
export type RRKind = 'normal' | 'ectopic' | 'artifact';

/**
 * One RR interval, ended by the beat at `time`.
 *
 * @example
 * ```ts
 * import { rpeaks, rrIntervals } from 'scl-wear';
 * ecg$.pipe(rpeaks(), rrIntervals()).subscribe((iv) => {
 *   if (iv.kind === 'normal') console.log(iv.time, Math.round(iv.rr * 1000), 'ms');
 * });
 * ```
 */
export interface RRInterval {
  /** Time of the beat that ends the interval, in seconds. */
  readonly time: number;
  /** Measured interval in seconds. */
  readonly rr: number;
  /** Whether the interval is normal (NN), ectopic or an artifact. */
  readonly kind: RRKind;
  /** The interval to use for heart rate: `rr` when normal, else the local reference (s). */
  readonly corrected: number;
}

/**
 * Rules of {@link RRClassifier}.
 *
 * @example
 * ```ts
 * import { RR_RULES } from 'scl-wear/dsp';
 * const plausible = (rr: number) => rr >= RR_RULES.min && rr <= RR_RULES.max; // 0.25–2.5 s
 * ```
 */
export const RR_RULES = Object.freeze({
  /** Shortest and longest plausible RR interval, in seconds (240 and 24 bpm). */
  min: 0.25,
  max: 2.5,
  /** Largest relative deviation from the reference that is still normal. */
  deviation: 0.2,
  /** The reference is the median of this many preceding plausible intervals. */
  reference: 5,
  /** Intervals held at the start of a segment until a reference exists. */
  warmUp: 3,
});

/**
 * Streaming ectopic / artifact detection for RR intervals (the relative-deviation rule of
 * Malik et al. 1989, as used by HRV toolkits): an interval deviating more than 20 % from the
 * median of the 5 preceding plausible intervals is `ectopic`, one outside 0.25–2.5 s is
 * `artifact`. Non-normal intervals are corrected to the reference (for heart rate) and left out
 * of HRV. The median follows real rate changes within 3 beats. The first 3 intervals of a
 * segment are held until they can be judged against their own median.
 *
 * @example
 * ```ts
 * import { RRClassifier } from 'scl-wear/dsp';
 * const rr = new RRClassifier();
 * rr.push(12.81, 0.81, (iv) => console.log(iv.kind, iv.corrected));
 * ```
 */
export class RRClassifier {
  private readonly recent = new Float64Array(RR_RULES.reference);
  private readonly scratch = new Float64Array(RR_RULES.reference);
  private recentCount = 0;
  private readonly heldTime = new Float64Array(RR_RULES.warmUp);
  private readonly heldRr = new Float64Array(RR_RULES.warmUp);
  private heldCount = 0;
  private warm = false;

  /**
   * Classifies the next interval of the segment.
   *
   * @param time - time of the beat ending it, in seconds
   * @param rr - the interval in seconds
   * @param emit - receives the classified intervals (none while warming up, then in order)
   */
  push(time: number, rr: number, emit: (iv: RRInterval) => void): void {
    if (!this.warm) {
      const plausible = rr >= RR_RULES.min && rr <= RR_RULES.max;
      if (plausible || this.heldCount > 0) {
        this.heldTime[this.heldCount] = time;
        this.heldRr[this.heldCount++] = rr;
      } else emit({ time, rr, kind: 'artifact', corrected: rr });
      if (this.heldCount === RR_RULES.warmUp) this.release(emit);
      return;
    }
    emit(this.judge(time, rr));
  }

  /** Judges the intervals still held (end of stream). */
  flush(emit: (iv: RRInterval) => void): void {
    if (this.heldCount > 0) this.release(emit);
  }

  /** Forgets the reference: the next interval starts a new segment (after a gap). */
  reset(): void {
    this.recentCount = 0;
    this.heldCount = 0;
    this.warm = false;
  }

  private release(emit: (iv: RRInterval) => void): void {
    for (let i = 0; i < this.heldCount; i++) this.remember(this.heldRr[i] as number);
    this.warm = true;
    const n = this.heldCount;
    this.heldCount = 0;
    const ref = this.reference();
    for (let i = 0; i < n; i++) emit(classify(this.heldTime[i] as number, this.heldRr[i] as number, ref));
  }

  private judge(time: number, rr: number): RRInterval {
    const iv = classify(time, rr, this.reference());
    if (iv.kind !== 'artifact') this.remember(rr);
    return iv;
  }

  private remember(rr: number): void {
    if (rr < RR_RULES.min || rr > RR_RULES.max) return;
    this.recent.copyWithin(1, 0, this.recent.length - 1);
    this.recent[0] = rr;
    if (this.recentCount < this.recent.length) this.recentCount++;
  }

  private reference(): number {
    const n = this.recentCount;
    if (n === 0) return NaN;
    const s = this.scratch;
    for (let i = 0; i < n; i++) {
      const v = this.recent[i] as number;
      let j = i;
      while (j > 0 && (s[j - 1] as number) > v) {
        s[j] = s[j - 1] as number;
        j--;
      }
      s[j] = v;
    }
    return n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
  }
}

function classify(time: number, rr: number, ref: number): RRInterval {
  if (!(rr >= RR_RULES.min && rr <= RR_RULES.max)) return { time, rr, kind: 'artifact', corrected: Number.isNaN(ref) ? rr : ref };
  if (Number.isNaN(ref) || Math.abs(rr - ref) <= RR_RULES.deviation * ref) return { time, rr, kind: 'normal', corrected: rr };
  return { time, rr, kind: 'ectopic', corrected: ref };
}
