import type { OperatorFunction } from 'rxjs';
import type { HrvSummary } from '../dsp/hrv.js';
import { HrvWindow, type HrvWindowOptions } from '../dsp/hrv-window.js';
import type { RRInterval } from '../dsp/rr-intervals.js';
import { statefulOperator } from './stateful-operator.js';
import { checkEvent } from './stream-shape.js';

/**
 * Rolling heart-rate variability with {@link HrvWindow}: every `step` seconds of beats
 * (default 30), a summary of the last `window` seconds (default 300): mean NN, SDNN, RMSSD,
 * pNN50 and Lomb–Scargle LF / HF over the NN intervals only (ectopic and artifact intervals
 * left out, never interpolated). Nothing is emitted until the beats span `minSpan` (default
 * 60 s); on completion a last summary covers the beats since the previous one.
 *
 * @param options - window, step and minimum span in seconds
 * @returns an operator from RR intervals to HRV summaries
 * @throws InputError in the stream: `E_ARGUMENT` for bad options, `E_SHAPE` when an item is not
 *   an object, `E_NAN` when its `time` or `rr` is not a finite number
 * @example
 * ```ts
 * import { rpeaks, rrIntervals, hrv } from 'scl-wear';
 * ecg$.pipe(rpeaks(), rrIntervals(), hrv({ window: 120, step: 10 })).subscribe((s) => show(s.rmssd));
 * ```
 */
export function hrv(options: HrvWindowOptions = {}): OperatorFunction<RRInterval, HrvSummary> {
  return statefulOperator(() => {
    const win = new HrvWindow(options);
    let first = NaN;
    let last = NaN;
    let pending = false;
    return {
      next(iv, emit) {
        checkEvent(iv, ['time', 'rr'], 'hrv');
        if (Number.isNaN(first)) first = iv.time - iv.rr;
        last = iv.time;
        const s = win.push(iv);
        pending = s === undefined;
        if (s) emit(s);
      },
      complete(emit) {
        if (pending && last - first >= win.minSpan) emit(win.summary());
      },
    };
  });
}
