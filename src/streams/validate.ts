import type { OperatorFunction } from 'rxjs';
import { frameTime, type SampleBatch } from '../core/batch.js';
import { GAP_PERIODS, SampleSchedule } from '../core/timing.js';
import { checkArg, InputError } from '../errors.js';
import { statefulOperator } from './stateful-operator.js';
import { checkBatchData, checkSameStream } from './stream-shape.js';
import { frameRange, hasNonFinite, holdNonFinite, orderFrames } from './validate-checks.js';

/**
 * Options of {@link validate}. Every policy defaults to `'error'` except `gaps`.
 *
 * @example
 * ```ts
 * import { validate } from 'scl-wear';
 * // Hold NaN samples, drop out-of-order batches, error on any gap longer than 5 periods.
 * const safe$ = imu$.pipe(validate({ nonFinite: 'hold', order: 'drop', gaps: 'error', gapPeriods: 5 }));
 * ```
 */
export interface ValidateOptions {
  /**
   * NaN or ±Infinity in `data`: `'error'` (`E_NAN`), `'hold'` (replace each with the channel's
   * last finite value, 0 before any; the batch is copied, never modified), or `'drop'` (drop
   * the batch; the next batch is then marked with a gap).
   */
  readonly nonFinite?: 'error' | 'hold' | 'drop';
  /**
   * Real disorder: a frame more than `gapPeriods` periods before a frame it follows, a repeated
   * frame time, or a clock-timed batch starting at or before the previous frame: `'error'`
   * (`E_DUPLICATE_TIMESTAMP` for an equal time, `E_NON_MONOTONIC` for an earlier one) or
   * `'drop'` (drop the batch). Small disorder is never an error (see `gapPeriods`).
   */
  readonly order?: 'error' | 'drop';
  /** A gap: `'mark'` (default; emit the batch with `gapBefore`) or `'error'` (`E_GAP`). */
  readonly gaps?: 'mark' | 'error';
  /**
   * k of the timing model, in periods of the stream's rate (default 2.5, from 1.5 to 100): a
   * hole of more than k periods between samples is a gap; a timestamped frame up to k periods
   * before a frame it follows is small disorder: reordered within its batch, or dropped and
   * counted when a later frame was already emitted.
   */
  readonly gapPeriods?: number;
  /** Receives an event for every recovery (hold, drop, gap, sequence hole), with running counts. */
  readonly report?: { next(event: ValidationEvent): void };
}

/**
 * Running counts of what {@link validate} recovered from, since the subscription started.
 *
 * @example
 * ```ts
 * import { Subject } from 'rxjs';
 * import { validate, type ValidationEvent } from 'scl-wear';
 * const report = new Subject<ValidationEvent>();
 * report.subscribe(({ counts }) => console.log(`${counts.held} held, ${counts.gaps} gaps, ${counts.droppedFrames} frames dropped`));
 * const safe$ = ecg$.pipe(validate({ nonFinite: 'hold', report }));
 * ```
 */
export interface ValidationCounts {
  /** Non-finite values replaced (`nonFinite: 'hold'`). */
  held: number;
  /** Batches dropped (`nonFinite: 'drop'` or `order: 'drop'`). */
  dropped: number;
  /** Frames dropped, by those batches and as late frames (small disorder across batches). */
  droppedFrames: number;
  /** Frames reordered within their batch (small disorder). */
  reordered: number;
  /** Gaps marked. */
  gaps: number;
  /** Batches missing according to `seq` numbers. */
  missingSeq: number;
}

/**
 * One recovery by {@link validate}: what happened to input batch `seq`, and the totals so far.
 *
 * @example
 * ```ts
 * import { validate, type ValidationEvent } from 'scl-wear';
 * const report = {
 *   next(e: ValidationEvent) {
 *     if (e.type === 'gap') console.log(`batch ${e.seq}: ${e.amount.toFixed(2)} s missing`);
 *   },
 * };
 * const safe$ = ecg$.pipe(validate({ report }));
 * ```
 */
export interface ValidationEvent {
  /** What was done: values held, batch or frames dropped, gap marked, `seq` hole seen, frames reordered. */
  readonly type: 'held' | 'dropped' | 'gap' | 'seq-hole' | 'reordered';
  /** `seq` of the input batch concerned. */
  readonly seq: number;
  /** Values held, frames dropped or reordered, batches missing, or seconds of gap, by `type`. */
  readonly amount: number;
  /** Reason frames were dropped: the whole batch (`non-finite`, `order`) or late frames (`late`). */
  readonly reason?: 'non-finite' | 'order' | 'late';
  /** Totals since the subscription started, including this event. */
  readonly counts: Readonly<ValidationCounts>;
}

/**
 * Checks every batch of a stream and either errors with a typed code or applies the documented
 * recovery: non-finite values (NaN, ±Infinity), timestamps that repeat or go backwards (across
 * and within batches), gaps, and channels, kind or rate that change mid-stream.
 *
 * Timing follows the SDK's timing model (docs/reliability.md): a sample more than
 * `gapPeriods` − 1 periods later than due (a hole of more than `gapPeriods` periods after an
 * on-time sample) starts a gap: its batch is emitted with `gapBefore` set to the seconds
 * missing (the gap marker stateful operators reset on), split there when the hole is inside
 * it. Jitter, pairs and bursts are not gaps; small disorder is reordered or dropped and
 * counted; only real disorder is an error. `seq` holes are reported, times decide. Output batches are numbered 0, 1, 2... without holes; empty batches are not
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
  const k = options.gapPeriods ?? GAP_PERIODS;
  checkArg(Number.isFinite(k) && k >= 1.5 && k <= 100, 'gapPeriods', 'a number of periods from 1.5 to 100', k);
  checkArg(['error', 'hold', 'drop'].includes(options.nonFinite ?? 'error'), 'nonFinite', '"error", "hold" or "drop"', options.nonFinite);
  checkArg(['error', 'drop'].includes(options.order ?? 'error'), 'order', '"error" or "drop"', options.order);
  checkArg(['mark', 'error'].includes(options.gaps ?? 'mark'), 'gaps', '"mark" or "error"', options.gaps);
  return statefulOperator(() => {
    let first: SampleBatch | undefined;
    let prev: SampleBatch | undefined; // last batch emitted
    let schedule: SampleSchedule | undefined;
    let lastSeq: number | undefined;
    let seq = 0;
    let held: Float64Array | undefined;
    const counts: ValidationCounts = { held: 0, dropped: 0, droppedFrames: 0, reordered: 0, gaps: 0, missingSeq: 0 };
    const report = (type: ValidationEvent['type'], at: number, amount: number, reason?: ValidationEvent['reason']) =>
      options.report?.next({ type, seq: at, amount, ...(reason ? { reason } : {}), counts: { ...counts } });
    const drop = (batch: SampleBatch, reason: 'non-finite' | 'order') => {
      counts.dropped++;
      counts.droppedFrames += batch.length;
      report('dropped', batch.seq, batch.length, reason);
    };
    return {
      next(input, emit) {
        checkBatchData(input, 'validate');
        if (!(Number.isFinite(input.rate) && input.rate > 0)) {
          throw new InputError('E_RATE', `validate: rate must be a positive number of Hz; got ${input.rate}`, {
            details: { seq: input.seq },
          });
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
          if (policy === 'drop') {
            drop(batch, 'non-finite');
            return;
          }
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
        const period = 1 / batch.rate;
        const bound = regular ? k * period : 0;
        let moved = 0;
        let late = 0;
        try {
          if (batch.timestamps) ({ batch, moved } = orderFrames(batch, bound));
          if (prev) late = lateFrames(prev, batch, bound);
        } catch (err) {
          if (options.order === 'drop' && err instanceof InputError) {
            drop(batch, 'order');
            return;
          }
          throw err;
        }
        if (moved > 0) {
          counts.reordered += moved;
          report('reordered', batch.seq, moved);
        }
        if (late > 0) {
          counts.droppedFrames += late;
          report('dropped', batch.seq, late, 'late');
          if (late === batch.length) return;
          batch = frameRange(batch, late, batch.length);
        }
        schedule ??= new SampleSchedule(period, regular ? k : Number.POSITIVE_INFINITY);
        const emitPiece = (piece: SampleBatch, g: number) => {
          if (g > 0) {
            if (options.gaps === 'error') {
              throw new InputError('E_GAP', `validate: ${g.toFixed(3)} s missing before batch ${batch.seq}`, {
                details: { seq: batch.seq, seconds: g },
              });
            }
            counts.gaps++;
            report('gap', batch.seq, g);
          }
          const { gapBefore: _, ...rest } = piece;
          const out: SampleBatch = g > 0 ? { ...rest, seq: seq++, gapBefore: g } : { ...rest, seq: seq++ };
          prev = out;
          emit(out);
        };
        const ts = batch.timestamps;
        let start = 0;
        let g = Math.max(schedule.next(frameTime(batch, 0)), batch.gapBefore ?? 0);
        if (ts) {
          for (let i = 1; i < ts.length; i++) {
            const next = schedule.next(ts[i]!);
            if (next === 0) continue;
            emitPiece(frameRange(batch, start, i), g);
            [start, g] = [i, next];
          }
        } else schedule.skip(batch.length - 1);
        emitPiece(frameRange(batch, start, batch.length), g);
      },
    };
  });
}

/**
 * Leading frames of `batch` at or before the last frame of `prev` that are small disorder
 * (within `bound` seconds), to be dropped; throws on real disorder or a repeated time. A
 * clock-timed batch has no small disorder: it must start after the previous frame.
 */
function lateFrames(prev: SampleBatch, batch: SampleBatch, bound: number): number {
  const last = frameTime(prev, prev.length - 1);
  const ts = batch.timestamps;
  let n = 0;
  while (n < batch.length && frameTime(batch, n) <= last) {
    const t = frameTime(batch, n);
    if (!ts || t === last || last - t > bound) {
      const repeats = t === last || repeatsFrameOf(prev, t);
      throw new InputError(
        repeats ? 'E_DUPLICATE_TIMESTAMP' : 'E_NON_MONOTONIC',
        `validate: frame ${n} of batch ${batch.seq} is at ${t} s, ${repeats ? 'repeating a frame time' : 'before the last frame'} of the previous batch (${last} s)`,
        { details: { seq: batch.seq, time: t, last } },
      );
    }
    n++;
  }
  return n;
}

/** Whether `time` is the time of one of the batch's frames (a repeated frame). */
function repeatsFrameOf(batch: SampleBatch, time: number): boolean {
  if (batch.timestamps) return batch.timestamps.includes(time);
  const i = Math.round((time - batch.t0) * batch.rate);
  return i >= 0 && i < batch.length && Math.abs(frameTime(batch, i) - time) < 1e-9;
}
