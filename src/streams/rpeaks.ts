import type { OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import { RPeakDetector } from '../dsp/rpeak-detector.js';
import { ecgOperator } from './ecg-operator.js';

/**
 * One detected R peak.
 *
 * @example
 * ```ts
 * import { rpeaks } from 'scl-wear';
 * ecg$.pipe(rpeaks()).subscribe((p) => {
 *   console.log(`beat at ${p.time.toFixed(3)} s (sample ${p.index})`, p.afterBreak ? 'after a break' : '');
 * });
 * ```
 */
export interface RPeak {
  /** Sample index of the peak, counted from the stream's first sample (gaps add none). */
  readonly index: number;
  /** Time of the peak in seconds, on the stream's clock. */
  readonly time: number;
  /**
   * True when the interval from the previous peak is not a valid RR interval: the first peak,
   * and the first after a gap (`gapBefore`) or a lead-off (a run of non-finite samples ≥ 100 ms).
   */
  readonly afterBreak: boolean;
}

/**
 * Options of {@link rpeaks}.
 *
 * @example
 * ```ts
 * import { rpeaks } from 'scl-wear';
 * const peaks$ = ecg$.pipe(rpeaks({ channel: 'ecg' })); // or a channel index, e.g. 1
 * ```
 */
export interface RPeaksOptions {
  /** The ECG channel, by index or name; default the first channel in mV or uV. */
  readonly channel?: number | string;
}

/**
 * Detects R peaks in an ECG stream with {@link RPeakDetector} (Hamilton–Tompkins rules,
 * filters designed for the stream's rate, 100–2000 Hz). Emits each peak once it is decided:
 * typically 0.4 s after it, at most `maxDelay` (about 3.1 s) when search back finds a missed
 * beat. The peaks are the same whatever the batch sizes.
 *
 * Bad signal never errors the stream: NaN / ±Infinity runs (lead-off), flat line, clipping and
 * spikes give no or few peaks and detection recovers when the signal returns. A batch with
 * `gapBefore` ends the current segment (pending peaks are decided) and detection restarts.
 * On completion the pending peaks are decided and emitted.
 *
 * @param options - channel choice
 * @returns an operator from ECG batches (mV or uV) to R peaks
 * @throws InputError in the stream: `E_RATE` for a rate outside 100–2000 Hz or a rate change,
 *   `E_SHAPE` / `E_UNIT` when there is no ECG channel or the channels change
 * @example
 * ```ts
 * import { rpeaks, rrIntervals, heartRate } from 'scl-wear';
 * ecg$.pipe(rpeaks(), rrIntervals(), heartRate()).subscribe((hr) => show(hr.smoothedBpm));
 * ```
 */
export function rpeaks(options: RPeaksOptions = {}): OperatorFunction<SampleBatch, RPeak> {
  return ecgOperator<RPeak>('rpeaks', options.channel, (rate, input, emit) => {
    const det = new RPeakDetector(rate);
    let out = new Float64Array(0);
    let breaks = new Uint8Array(0);
    const send = (count: number) => {
      for (let i = 0; i < count; i++) {
        const index = out[i] as number;
        emit({ index, time: input.timeOf(index), afterBreak: breaks[i] === 1 });
      }
      input.forget(det.samples - det.maxDelay - 1);
    };
    const room = (frames: number) => {
      const need = det.capacityFor(frames);
      if (out.length < need) {
        out = new Float64Array(need);
        breaks = new Uint8Array(need);
      }
    };
    return {
      gap() {
        room(0);
        send(det.gap(out, breaks));
      },
      process(x) {
        room(x.length);
        send(det.process(x, out, breaks));
      },
      flush() {
        room(0);
        send(det.flush(out, breaks));
      },
    };
  });
}
