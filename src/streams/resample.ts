import type { OperatorFunction } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import type { ResamplerOptions } from '../dsp/resample-kernel.js';
import { Resampler } from '../dsp/resampler.js';
import { checkArg } from '../errors.js';
import { statefulOperator, type Emit } from './stateful-operator.js';
import { checkSameStream } from './stream-shape.js';

/**
 * Converts a stream to `targetRate` Hz with an anti-aliasing low-pass (a polyphase
 * Kaiser-windowed sinc with its stop band at the lower Nyquist frequency; see
 * {@link Resampler}), any ratio.
 *
 * Output frame `n` of a segment is the signal at `t0 + n / targetRate`, where `t0` is the time
 * of the segment's first input frame, so the time base is kept. Output lags input by the
 * filter's half-length (about 25 input frames at default quality); on completion the pending
 * frames are flushed. State is carried across batches: output is identical whatever the batch
 * boundaries. A batch with `gapBefore` flushes the segment before the gap, resets the state and
 * starts a new segment (its first output batch carries the same `gapBefore`). Input
 * `timestamps` are not used: frames are taken as evenly spaced at the stream's rate (run
 * `validate` first). Output batches are numbered from 0 and carry no `timestamps`. A stream
 * already at `targetRate` passes through unchanged.
 *
 * @param targetRate - output rate in Hz
 * @param options - filter quality (stop-band attenuation, pass-band edge)
 * @returns an operator from batches to batches at `targetRate`
 * @throws InputError `E_ARGUMENT` (at call) when `targetRate` is not a positive number;
 *   in the stream, `E_RATE` / `E_SHAPE` when the stream's rate or channels change
 * @example
 * ```ts
 * import { resample } from 'scl-wear';
 * const ecg130$ = ecg360$.pipe(resample(130)); // MIT-BIH 360 Hz to the ECG encoder's 130 Hz
 * ```
 */
export function resample(targetRate: number, options: ResamplerOptions = {}): OperatorFunction<SampleBatch, SampleBatch> {
  checkArg(Number.isFinite(targetRate) && targetRate > 0, 'targetRate', 'a positive number of Hz', targetRate);
  return statefulOperator(() => {
    let first: SampleBatch | undefined;
    let rs: Resampler | undefined;
    let segmentT0 = 0;
    let produced = 0; // output frames of the current segment
    let seq = 0;
    let gap: number | undefined;
    let started = false;
    const send = (like: SampleBatch, data: Float32Array, emit: Emit<SampleBatch>) => {
      const length = data.length / like.channels.length;
      if (length === 0) return;
      const out: SampleBatch = {
        kind: like.kind,
        channels: like.channels,
        rate: targetRate,
        t0: segmentT0 + produced / targetRate,
        seq: seq++,
        length,
        data,
      };
      produced += length;
      emit(gap === undefined ? out : { ...out, gapBefore: gap });
      gap = undefined;
    };
    const flush = (emit: Emit<SampleBatch>) => {
      if (!rs || !first) return;
      const tail = new Float32Array(rs.flushFrames() * rs.channels);
      rs.flush(tail);
      send(first, tail, emit);
    };
    return {
      next(batch, emit) {
        first ??= batch;
        checkSameStream(first, batch, 'resample');
        if (batch.rate === targetRate) {
          emit(batch);
          return;
        }
        rs ??= new Resampler(batch.rate, targetRate, batch.channels.length, options);
        if (batch.gapBefore !== undefined && batch.gapBefore > 0) {
          flush(emit);
          started = false;
          gap = batch.gapBefore;
        }
        if (batch.length === 0) return;
        if (!started) {
          segmentT0 = batch.t0;
          produced = 0;
          started = true;
        }
        const out = new Float32Array(rs.outputFrames(batch.length) * batch.channels.length);
        rs.process(batch.data, batch.length, out);
        send(batch, out, emit);
      },
      complete: flush,
    };
  });
}
