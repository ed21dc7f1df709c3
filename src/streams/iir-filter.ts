import type { OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import { BiquadCascade } from '../dsp/biquad-cascade.js';
import { designFilter, type BiquadDesign, type FilterSpec } from '../dsp/biquad-design.js';
import { InputError } from '../errors.js';
import { statefulOperator } from './stateful-operator.js';
import { checkSameStream } from './stream-shape.js';

/**
 * Options of {@link iirFilter}.
 *
 * @example
 * ```ts
 * import { iirFilter } from 'scl-wear';
 * // Start from rest: the first samples show the filter's step response.
 * const body$ = imu$.pipe(iirFilter({ type: 'highpass', cutoff: 0.3 }, { prime: false }));
 * ```
 */
export interface IirFilterOptions {
  /**
   * Start each segment (the stream's start and every gap) from the steady state of its first
   * frame instead of from rest, so an offset (ECG baseline, gravity) does not ring. Default true.
   */
  readonly prime?: boolean;
}

/**
 * Filters every channel of a stream with a Butterworth / notch biquad cascade
 * (low-pass, high-pass, band-pass, notch, or a list of them applied in order).
 *
 * One operator takes the filter as data: a {@link FilterSpec} is designed for the stream's rate
 * when the first batch arrives (the rate is not known before), and a spec can be stored in a
 * model's preprocessing settings. A ready {@link BiquadDesign} is also accepted.
 *
 * State is per channel and carried across batches, so output is identical whatever the batch
 * boundaries. A batch with `gapBefore` resets the state (the signal before the gap does not
 * leak past it). Each output batch has new `data`; input batches are never modified.
 *
 * A non-finite sample (NaN, ±Infinity) comes out as NaN and is otherwise skipped: the filter
 * state is not touched by it, so the samples after it are filtered as if it were absent, and
 * priming uses each channel's first finite value. A value large enough to overflow the state
 * resets that channel. Put `validate` in front to have such samples counted or refused.
 *
 * @param filter - the filter spec(s), or a design for the stream's rate
 * @param options - priming
 * @returns an operator from batches to filtered batches (same rate, channels and times)
 * @throws InputError in the stream: `E_ARGUMENT` when the spec does not fit the rate (e.g. a
 *   cutoff above Nyquist), `E_RATE` when a design's rate differs from the stream's or the rate
 *   changes, `E_SHAPE` when the channels change
 * @example
 * ```ts
 * import { iirFilter } from 'scl-wear';
 * const clean$ = ecg$.pipe(
 *   iirFilter([{ type: 'bandpass', low: 0.5, high: 40 }, { type: 'notch', frequency: 50 }]),
 * );
 * ```
 */
export function iirFilter(
  filter: FilterSpec | readonly FilterSpec[] | BiquadDesign,
  options: IirFilterOptions = {},
): OperatorFunction<SampleBatch, SampleBatch> {
  const prime = options.prime ?? true;
  return statefulOperator(() => {
    let first: SampleBatch | undefined;
    let cascade: BiquadCascade | undefined;
    let fresh = true;
    return {
      next(batch, emit) {
        first ??= batch;
        checkSameStream(first, batch, 'iirFilter');
        cascade ??= new BiquadCascade(designFor(filter, batch.rate), batch.channels.length);
        if (batch.gapBefore !== undefined && batch.gapBefore > 0) {
          cascade.reset();
          fresh = true;
        }
        if (batch.length === 0) {
          emit(batch);
          return;
        }
        if (fresh && prime) cascade.primeFromFirstFinite(batch.data, batch.length);
        fresh = false;
        const data = new Float32Array(batch.data.length);
        cascade.process(batch.data, data, batch.length);
        emit({ ...batch, data });
      },
    };
  });
}

function designFor(filter: FilterSpec | readonly FilterSpec[] | BiquadDesign, rate: number): BiquadDesign {
  if (!('sections' in filter)) return designFilter(filter, rate);
  if (filter.rate !== rate) {
    throw new InputError('E_RATE', `iirFilter: the design is for ${filter.rate} Hz but the stream is at ${rate} Hz`, {
      details: { expected: filter.rate, got: rate },
    });
  }
  return filter;
}
