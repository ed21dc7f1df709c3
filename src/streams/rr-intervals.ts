import type { OperatorFunction } from 'rxjs';
import { RRClassifier, type RRInterval } from '../dsp/rr-intervals.js';
import type { RPeak } from './rpeaks.js';
import { statefulOperator } from './stateful-operator.js';
import { checkEvent } from './stream-shape.js';

/**
 * Turns R peaks into classified RR intervals with {@link RRClassifier}: `normal` (NN),
 * `ectopic` (more than 20 % from the median of the 5 preceding intervals) or `artifact`
 * (outside 0.25–2.5 s), each with a `corrected` value for heart rate. No interval is formed
 * across a break (`afterBreak`: stream start, gap, lead-off); the classifier restarts there and
 * holds the first 3 intervals of each segment until it can judge them. On completion the held
 * intervals are emitted.
 *
 * @returns an operator from R peaks to RR intervals
 * @throws InputError in the stream: `E_SHAPE` when an item is not an object, `E_NAN` when its
 *   `time` is not a finite number
 * @example
 * ```ts
 * import { rpeaks, rrIntervals } from 'scl-wear';
 * ecg$.pipe(rpeaks(), rrIntervals()).subscribe((iv) => console.log(iv.rr, iv.kind));
 * ```
 */
export function rrIntervals(): OperatorFunction<RPeak, RRInterval> {
  return statefulOperator(() => {
    const classifier = new RRClassifier();
    let prev = NaN;
    return {
      next(peak, emit) {
        checkEvent(peak, ['time'], 'rrIntervals');
        if (peak.afterBreak || Number.isNaN(prev)) {
          classifier.flush(emit);
          classifier.reset();
        } else classifier.push(peak.time, peak.time - prev, emit);
        prev = peak.time;
      },
      complete(emit) {
        classifier.flush(emit);
      },
    };
  });
}
