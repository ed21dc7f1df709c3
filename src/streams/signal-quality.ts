import type { OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import type { EcgQuality } from '../dsp/ecg-quality.js';
import { EcgQualityMeter } from '../dsp/ecg-quality-meter.js';
import { ecgOperator } from './ecg-operator.js';

/**
 * Quality of one window of an ECG stream, with its time.
 *
 * @example
 * ```ts
 * import { signalQuality } from 'scl-wear';
 * ecg$.pipe(signalQuality()).subscribe((q) => {
 *   console.log(`${q.time}–${q.time + q.duration} s: quality ${q.quality.toFixed(2)}`, q.flags);
 * });
 * ```
 */
export interface EcgQualityWindow extends EcgQuality {
  /** Time of the window's first sample, in seconds on the stream's clock. */
  readonly time: number;
  /** Window length in seconds. */
  readonly duration: number;
}

/**
 * Options of {@link signalQuality}.
 *
 * @example
 * ```ts
 * import { signalQuality } from 'scl-wear';
 * const quality$ = ecg$.pipe(signalQuality({ windowSeconds: 30, channel: 0 })); // 30 s windows
 * ```
 */
export interface SignalQualityOptions {
  /** Window length in seconds (2–120, default 10). */
  readonly windowSeconds?: number;
  /** The ECG channel, by index or name; default the first channel in mV or uV. */
  readonly channel?: number | string;
}

/**
 * Rates the quality of an ECG stream per window with {@link EcgQualityMeter}: beat template
 * correlation (Orphanidou et al. 2015), heart-rate plausibility, lead-off (non-finite runs),
 * flat line and clipping. `usable: false` marks windows whose heart rate and HRV should be
 * hidden. Windows are emitted once their beats are decided (about 3.5 s after they end). A
 * `gapBefore` ends the current window early; completion emits the last, shorter window.
 * Bad signal never errors the stream: it gives low quality.
 *
 * @param options - window length and channel
 * @returns an operator from ECG batches (mV or uV) to quality windows
 * @throws InputError in the stream: `E_RATE` (rate outside 100–2000 Hz or changing),
 *   `E_SHAPE` / `E_UNIT` (no ECG channel), `E_ARGUMENT` (bad window length)
 * @example
 * ```ts
 * import { signalQuality } from 'scl-wear';
 * ecg$.pipe(signalQuality({ windowSeconds: 10 })).subscribe((q) => setBadge(q.usable ? 'ok' : q.flags.join(', ')));
 * ```
 */
export function signalQuality(options: SignalQualityOptions = {}): OperatorFunction<SampleBatch, EcgQualityWindow> {
  return ecgOperator<EcgQualityWindow>('signalQuality', options.channel, (rate, input, emit) => {
    const meter = new EcgQualityMeter(rate, options.windowSeconds);
    const send = (q: EcgQuality) => {
      emit({ ...q, time: input.timeOf(q.start), duration: q.length / meter.rate });
      input.forget(q.start + q.length);
    };
    return {
      gap: () => meter.gap(send),
      process: (x) => meter.process(x, send),
      flush: () => meter.flush(send),
    };
  });
}
