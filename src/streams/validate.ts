import type { OperatorFunction } from 'rxjs';
import { batchEnd, frameTime, type SampleBatch } from '../core/batch.js';
import { checkArg, InputError } from '../errors.js';
import { statefulOperator } from './statefulOperator.js';
import { checkBatchData, checkSameStream } from './streamShape.js';
import { checkTimestamps, hasNonFinite, holdNonFinite } from './validateChecks.js';

/** Options of {@link validate}. Every policy defaults to `'error'` except `gaps`. */
export interface ValidateOptions {
  /**
   * NaN or ±Infinity in `data`: `'error'` (`E_NAN`), `'hold'` (replace each with the channel's
   * last finite value, 0 before any; the batch is copied, never modified), or `'drop'` (drop
   * the batch; the next batch is then marked with a gap).
   */
  readonly nonFinite?: 'error' | 'hold' | 'drop';
  /**
   * A batch (or a frame within one) that does not come after the previous frame:
   * `'error'` (`E_DUPLICATE_TIMESTAMP` for an equal time, `E_NON_MONOTONIC` for an earlier one or
   * a batch starting before the previous one ended) or `'drop'` (drop the batch).
   */
  readonly order?: 'error' | 'drop';
  /** A gap: `'mark'` (default; emit the batch with `gapBefore`) or `'error'` (`E_GAP`). */
  readonly gaps?: 'mark' | 'error';
  /** Timing tolerance in frames (default 0.5): a smaller shift is jitter, a larger one a gap or an overlap. */
  readonly tolerance?: number;
  /** Receives an event for every recovery (hold, drop, gap, sequence hole), with running counts. */
  readonly report?: { next(event: ValidationEvent): void };
}

/** Running counts of what {@link validate} recovered from, since the subscription started. */
export interface ValidationCounts {
  /** Non-finite values replaced (`nonFinite: 'hold'`). */
  held: number;
  /** Batches dropped (`nonFinite: 'drop'` or `order: 'drop'`). */
  dropped: number;
  /** Gaps marked. */
  gaps: number;
  /** Batches missing according to `seq` numbers. */
  missingSeq: number;
}

/** One recovery by {@link validate}: what happened to input batch `seq`, and the totals so far. */
export interface ValidationEvent {
  readonly type: 'held' | 'dropped' | 'gap' | 'seq-hole';
  /** `seq` of the input batch concerned. */
  readonly seq: number;
  /** Values held, frames dropped, batches missing, or seconds of gap, by `type`. */
  readonly amount: number;
  /** Reason a batch was dropped. */
  readonly reason?: 'non-finite' | 'order';
  readonly counts: Readonly<ValidationCounts>;
}

/**
 * Checks every batch of a stream and either errors with a typed code or applies the documented
 * recovery: non-finite values (NaN, ±Infinity), timestamps that repeat or go backwards (across
 * and within batches), gaps, and channels, kind or rate that change mid-stream.
 *
 * A batch starting more than `tolerance` frames after the previous one ended is emitted with
 * `gapBefore` set to the seconds missing (the gap marker stateful operators reset on); a batch
 * with per-frame `timestamps` that jump inside it is split there. `seq` holes are reported,
 * times decide. Output batches are numbered 0, 1, 2... without holes; empty batches are not
 * emitted. `hr` streams (one sample per beat) are checked for order only, not for gaps.
 *
 * @param options - the policies and the report sink
 * @returns an operator that emits valid batches
 * @throws InputError `E_ARGUMENT` (at call) for a bad option; in the stream: `E_NAN`,
 *   `E_NON_MONOTONIC`, `E_DUPLICATE_TIMESTAMP`, `E_GAP`, `E_SHAPE`, `E_RATE`
 * @example
 * ```ts
 * import { Subject } from 'rxjs';
 * import { validate, type ValidationEvent } from 'scl-wear';
 * const report = new Subject<ValidationEvent>();
 * report.subscribe((e) => console.log(e.type, e.counts));
 * const safe$ = ecg$.pipe(validate({ nonFinite: 'hold', report }));
 * ```
 */
export function validate(options: ValidateOptions = {}): OperatorFunction<SampleBatch, SampleBatch> {
  const tolerance = options.tolerance ?? 0.5;
  checkArg(Number.isFinite(tolerance) && tolerance > 0 && tolerance <= 10, 'tolerance', 'a number of frames in (0, 10]', tolerance);
  checkArg(['error', 'hold', 'drop'].includes(options.nonFinite ?? 'error'), 'nonFinite', '"error", "hold" or "drop"', options.nonFinite);
  checkArg(['error', 'drop'].includes(options.order ?? 'error'), 'order', '"error" or "drop"', options.order);
  checkArg(['mark', 'error'].includes(options.gaps ?? 'mark'), 'gaps', '"mark" or "error"', options.gaps);
  return statefulOperator(() => {
    let first: SampleBatch | undefined;
    let prev: SampleBatch | undefined; // last batch emitted
    let lastSeq: number | undefined;
    let seq = 0;
    let held: Float64Array | undefined;
    const counts: ValidationCounts = { held: 0, dropped: 0, gaps: 0, missingSeq: 0 };
    const report = (type: ValidationEvent['type'], at: number, amount: number, reason?: ValidationEvent['reason']) =>
      options.report?.next({ type, seq: at, amount, ...(reason ? { reason } : {}), counts: { ...counts } });
    const drop = (batch: SampleBatch, reason: 'non-finite' | 'order') => {
      counts.dropped++;
      report('dropped', batch.seq, batch.length, reason);
    };
    return {
      next(input, emit) {
        checkBatchData(input, 'validate');
        if (!(Number.isFinite(input.rate) && input.rate > 0)) {
          throw new InputError('E_RATE', `validate: rate must be a positive number of Hz; got ${input.rate}`, { details: { seq: input.seq } });
        }
        first ??= input;
        checkSameStream(first, input, 'validate');
        if (lastSeq !== undefined && input.seq > lastSeq + 1) {
          counts.missingSeq += input.seq - lastSeq - 1;
          report('seq-hole', input.seq, input.seq - lastSeq - 1);
        }
        lastSeq = input.seq;
        if (input.length === 0) return;
        let batch = input;
        if (hasNonFinite(batch.data)) {
          const policy = options.nonFinite ?? 'error';
          if (policy === 'drop') return drop(batch, 'non-finite');
          if (policy === 'error') {
            throw new InputError('E_NAN', `validate: batch ${batch.seq} contains NaN or Infinity`, { details: { seq: batch.seq } });
          }
          held ??= new Float64Array(batch.channels.length);
          const data = Float32Array.from(batch.data);
          const n = holdNonFinite(data, held);
          counts.held += n;
          report('held', batch.seq, n);
          batch = { ...batch, data };
        } else if (options.nonFinite === 'hold') {
          // Remember the last finite frame for a later hold.
          held ??= new Float64Array(batch.channels.length);
          held.set(batch.data.subarray(batch.data.length - batch.channels.length));
        }
        const regular = batch.kind !== 'hr';
        let pieces: SampleBatch[];
        let gap = 0;
        try {
          pieces = checkTimestamps(batch, regular ? tolerance : Number.POSITIVE_INFINITY);
          if (prev) gap = checkOrder(prev, batch, regular ? tolerance : Number.POSITIVE_INFINITY);
        } catch (err) {
          if (options.order === 'drop' && err instanceof InputError) return drop(batch, 'order');
          throw err;
        }
        for (const [i, piece] of pieces.entries()) {
          const g = i === 0 ? Math.max(gap, piece.gapBefore ?? 0) : piece.gapBefore ?? 0;
          if (g > 0) {
            if (options.gaps === 'error') {
              throw new InputError('E_GAP', `validate: ${g.toFixed(3)} s missing before batch ${batch.seq}`, { details: { seq: batch.seq, seconds: g } });
            }
            counts.gaps++;
            report('gap', batch.seq, g);
          }
          const { gapBefore: _, ...rest } = piece;
          const out: SampleBatch = g > 0 ? { ...rest, seq: seq++, gapBefore: g } : { ...rest, seq: seq++ };
          prev = out;
          emit(out);
        }
      },
    };
  });
}

/** Seconds missing between `prev` and `batch` (0 if none); throws when `batch` is early. */
function checkOrder(prev: SampleBatch, batch: SampleBatch, tolerance: number): number {
  const start = frameTime(batch, 0);
  const expected = batchEnd(prev);
  const slack = tolerance / batch.rate;
  if (start < expected - slack || start <= frameTime(prev, prev.length - 1)) {
    const repeats = repeatsFrameOf(prev, start);
    throw new InputError(
      repeats ? 'E_DUPLICATE_TIMESTAMP' : 'E_NON_MONOTONIC',
      `validate: batch ${batch.seq} starts at ${start} s, ${repeats ? 'repeating a frame time' : 'before the end'} of the previous batch (${expected} s)`,
      { details: { seq: batch.seq, time: start, expected } },
    );
  }
  return start > expected + slack ? start - expected : 0;
}

/** Whether `time` is the time of one of the batch's frames (a repeated frame). */
function repeatsFrameOf(batch: SampleBatch, time: number): boolean {
  if (batch.timestamps) return batch.timestamps.includes(time);
  const i = Math.round((time - batch.t0) * batch.rate);
  return i >= 0 && i < batch.length && Math.abs(frameTime(batch, i) - time) < 1e-9;
}
