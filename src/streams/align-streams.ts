import { Observable } from 'rxjs';
import type { SampleBatch } from '../core/batch.js';
import { checkArg, InputError } from '../errors.js';
import { AlignQueue } from './align-queue.js';
import { resample } from './resample.js';
import { checkSameStream } from './stream-shape.js';

/**
 * Options of {@link alignStreams}.
 *
 * @example
 * ```ts
 * import { BehaviorSubject } from 'rxjs';
 * import { alignStreams } from 'scl-wear';
 * const unpaired = new BehaviorSubject({ a: 0, b: 0 });
 * const pairs$ = alignStreams(ecg$, imu$, { rate: 100, maxLag: 2, unpaired }); // 100 Hz, 2 s
 * ```
 */
export interface AlignStreamsOptions {
  /** Common rate in Hz: both streams are resampled to it first. Without it they must share a rate. */
  readonly rate?: number;
  /** Seconds one stream's frames may wait for the other (default 5); older waiting frames are dropped. */
  readonly maxLag?: number;
  /** Receives the totals of frames dropped from each stream for want of a partner, after each drop. */
  readonly unpaired?: { next(counts: { a: number; b: number }): void };
}

/**
 * Two batches covering the same frames in time: same `t0`, `rate`, `length`, `seq` and `gapBefore`.
 *
 * @example
 * ```ts
 * import { alignStreams } from 'scl-wear';
 * alignStreams(ecg$, imu$, { rate: 50 }).subscribe(([ecg, imu]) => {
 *   console.log(ecg.t0, ecg.length, imu.channels.length); // same t0 and length in both
 * });
 * ```
 */
export type AlignedPair = readonly [SampleBatch, SampleBatch];

/**
 * Puts two streams (e.g. ECG and IMU) on one time base: emits pairs of batches that cover
 * exactly the same frame times, one from each stream.
 *
 * Both streams must have the same rate (give `rate` to resample both to it). A frame of `b` is
 * paired with the frame of `a` within half a frame period of it (frame grids that are offset by
 * less than half a period are snapped to `a`'s; the pair's `t0` is `a`'s time). Frames that
 * have no partner (before the other stream starts, during the other's gaps, waiting longer
 * than `maxLag`) are dropped and counted in `unpaired`. A pair that does not follow the previous
 * one carries `gapBefore`. Pair data are views of the input batches (no copy). The output
 * completes when a stream has completed and all its frames are paired or dropped.
 *
 * @param a - first stream; its times are the pairs' times
 * @param b - second stream
 * @param options - common rate, lag bound, drop counter
 * @returns pairs of time-aligned batches
 * @throws InputError `E_ARGUMENT` (at call) for a bad option; in the stream `E_RATE` when the
 *   rates differ or change, `E_SHAPE` when a stream's channels change
 * @example
 * ```ts
 * import { alignStreams } from 'scl-wear';
 * alignStreams(ecg$, imu$, { rate: 100 }).subscribe(([ecg, imu]) => {
 *   console.log(ecg.t0 === imu.t0, ecg.length === imu.length); // true true
 * });
 * ```
 */
export function alignStreams(
  a: Observable<SampleBatch>,
  b: Observable<SampleBatch>,
  options: AlignStreamsOptions = {},
): Observable<AlignedPair> {
  const maxLag = options.maxLag ?? 5;
  checkArg(Number.isFinite(maxLag) && maxLag > 0, 'maxLag', 'a positive number of seconds', maxLag);
  const [a$, b$] = options.rate === undefined ? [a, b] : [a.pipe(resample(options.rate)), b.pipe(resample(options.rate))];
  return new Observable<AlignedPair>((subscriber) => {
    const qa = new AlignQueue();
    const qb = new AlignQueue();
    let seq = 0;
    let prevEnd: number | undefined;
    let closed = false;
    const report = (before: number) => {
      if (qa.dropped + qb.dropped > before) options.unpaired?.next({ a: qa.dropped, b: qb.dropped });
    };
    const pairUp = () => {
      while (!qa.empty && !qb.empty) {
        const rate = qa.first!.rate;
        const ahead = (qb.headTime() - qa.headTime()) * rate; // frames b starts after a
        if (ahead > 0.5) qa.drop(Math.min(qa.headFrames(), Math.ceil(ahead - 0.5)));
        else if (ahead < -0.5) qb.drop(Math.min(qb.headFrames(), Math.ceil(-ahead - 0.5)));
        else {
          const n = Math.min(qa.headFrames(), qb.headFrames());
          const t0 = qa.headTime();
          const gap = prevEnd !== undefined && (t0 - prevEnd) * rate > 0.5 ? t0 - prevEnd : undefined;
          const make = (q: AlignQueue, data: Float32Array): SampleBatch => {
            const f = q.first!;
            const out: SampleBatch = { kind: f.kind, channels: f.channels, rate, t0, seq, length: n, data };
            return gap === undefined ? out : { ...out, gapBefore: gap };
          };
          const pair: AlignedPair = [make(qa, qa.take(n)), make(qb, qb.take(n))];
          seq++;
          prevEnd = t0 + n / rate;
          subscriber.next(pair);
        }
      }
    };
    const settle = () => {
      for (const [q, other] of [
        [qa, qb],
        [qb, qa],
      ] as const) {
        if (!other.empty) continue;
        if (other.done) q.drop();
        else if (!q.empty && q.span() > maxLag) {
          const rate = q.first!.rate;
          while (!q.empty && q.span() > maxLag) q.drop(Math.min(q.headFrames(), Math.ceil((q.span() - maxLag) * rate)));
        }
      }
      if ((qa.done && qa.empty) || (qb.done && qb.empty)) {
        closed = true;
        subscriber.complete();
      }
    };
    const side = (q: AlignQueue, other: AlignQueue, name: string) => ({
      next(batch: SampleBatch) {
        if (closed) return;
        try {
          q.first ??= batch;
          checkSameStream(q.first, batch, `alignStreams (${name})`);
          if (other.first && other.first.rate !== batch.rate) {
            throw new InputError(
              'E_RATE',
              `alignStreams: the streams have different rates (${other.first.rate} and ${batch.rate} Hz); pass options.rate`,
              {
                details: { a: qa.first?.rate, b: qb.first?.rate },
              },
            );
          }
          const before = qa.dropped + qb.dropped;
          q.push(batch);
          pairUp();
          settle();
          report(before);
        } catch (err) {
          closed = true;
          subscriber.error(err);
        }
      },
      error: (err: unknown) => subscriber.error(err),
      complete() {
        if (closed) return;
        q.done = true;
        const before = qa.dropped + qb.dropped;
        settle();
        report(before);
      },
    });
    const subA = a$.subscribe(side(qa, qb, 'a'));
    const subB = b$.subscribe(side(qb, qa, 'b'));
    return () => {
      subA.unsubscribe();
      subB.unsubscribe();
    };
  });
}
