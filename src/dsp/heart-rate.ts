import { checkArg } from '../errors.js';
import type { RRInterval } from './rr-intervals.js';

/**
 * Heart rate at one beat.
 *
 * @example
 * ```ts
 * import { rpeaks, rrIntervals, heartRate } from 'scl-wear';
 * ecg$.pipe(rpeaks(), rrIntervals(), heartRate()).subscribe((hr) => {
 *   console.log(hr.time, hr.bpm.toFixed(0), hr.smoothedBpm.toFixed(0), hr.kind);
 * });
 * ```
 */
export interface HeartRate {
  /** Time of the beat, in seconds. */
  readonly time: number;
  /** Instantaneous rate from the measured RR interval, in beats per minute. */
  readonly bpm: number;
  /** Smoothed rate from the corrected RR intervals (ectopic beats replaced), in bpm. */
  readonly smoothedBpm: number;
  /** Kind of the interval this beat ends. */
  readonly kind: RRInterval['kind'];
}

/**
 * Smooths heart rate over time: an exponential average of the corrected RR interval with a
 * time constant in seconds (each beat weighs `1 − exp(−rr / τ)`), so the smoothing is the same
 * at any heart rate. Ectopic and artifact intervals enter as their correction, so a premature
 * beat does not jolt the smoothed rate.
 *
 * @example
 * ```ts
 * import { HeartRateSmoother } from 'scl-wear/dsp';
 * const hr = new HeartRateSmoother(5);
 * const { bpm, smoothedBpm } = hr.push(interval);
 * ```
 */
export class HeartRateSmoother {
  /** Time constant in seconds. */
  readonly timeConstant: number;
  private avg = NaN;

  /**
   * @param timeConstant - smoothing time constant in seconds (> 0), default 5
   * @throws InputError `E_ARGUMENT` when it is not a positive number
   */
  constructor(timeConstant = 5) {
    checkArg(Number.isFinite(timeConstant) && timeConstant > 0, 'timeConstant', 'a positive number of seconds', timeConstant);
    this.timeConstant = timeConstant;
  }

  /**
   * Adds the next interval of the segment and returns the rates at its beat.
   *
   * @param iv - a classified RR interval
   */
  push(iv: RRInterval): HeartRate {
    const c = iv.corrected;
    if (Number.isNaN(this.avg)) this.avg = c;
    else this.avg += (1 - Math.exp(-c / this.timeConstant)) * (c - this.avg);
    return { time: iv.time, bpm: 60 / iv.rr, smoothedBpm: 60 / this.avg, kind: iv.kind };
  }

  /** Forgets the average (after a gap). */
  reset(): void {
    this.avg = NaN;
  }
}
