import type { OperatorFunction } from 'rxjs';
import { HeartRateSmoother, type HeartRate } from '../dsp/heart-rate.js';
import type { RRInterval } from '../dsp/rr-intervals.js';
import { statefulOperator } from './stateful-operator.js';
import { checkEvent } from './stream-shape.js';

/**
 * Options of {@link heartRate}.
 *
 * @example
 * ```ts
 * import { rpeaks, rrIntervals, heartRate } from 'scl-wear';
 * const hr$ = ecg$.pipe(rpeaks(), rrIntervals(), heartRate({ timeConstant: 10 })); // 10 s smoothing
 * ```
 */
export interface HeartRateOptions {
  /** Smoothing time constant in seconds (default 5). */
  readonly timeConstant?: number;
}

/**
 * Heart rate at every beat: instantaneous (60 / RR) and smoothed with
 * {@link HeartRateSmoother} over the corrected intervals, so ectopic beats do not jolt it. The
 * smoothing restarts when an interval does not start where the previous one ended (a break).
 *
 * @param options - smoothing time constant
 * @returns an operator from RR intervals to heart rates (bpm)
 * @throws InputError in the stream: `E_ARGUMENT` for a bad time constant, `E_SHAPE` when an item
 *   is not an object, `E_NAN` when its `time`, `rr` or `corrected` is not a finite number
 * @example
 * ```ts
 * import { rpeaks, rrIntervals, heartRate } from 'scl-wear';
 * ecg$.pipe(rpeaks(), rrIntervals(), heartRate({ timeConstant: 8 })).subscribe((h) => show(h.smoothedBpm));
 * ```
 */
export function heartRate(options: HeartRateOptions = {}): OperatorFunction<RRInterval, HeartRate> {
  return statefulOperator(() => {
    const smoother = new HeartRateSmoother(options.timeConstant);
    let lastTime = NaN;
    return {
      next(iv, emit) {
        checkEvent(iv, ['time', 'rr', 'corrected'], 'heartRate');
        if (!(Math.abs(iv.time - iv.rr - lastTime) <= 1e-3)) smoother.reset();
        lastTime = iv.time;
        emit(smoother.push(iv));
      },
    };
  });
}
