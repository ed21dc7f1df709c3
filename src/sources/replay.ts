import { asyncScheduler, Observable, type SchedulerAction, type SchedulerLike, type Subscriber } from 'rxjs';
import { checkArg } from '../errors.js';
import { batchEnd, type SampleBatch, type SensorKind } from '../core/batch.js';
import { framesPerBatch, recordingBatch, type BatchingOptions, type Recording } from './recording.js';

/**
 * Options of {@link replay}.
 *
 * @example
 * ```ts
 * import { replay, simulateImu, type ReplayOptions } from 'scl-wear';
 * const { recording } = simulateImu({ activities: [{ activity: 'walking', seconds: 60 }], seed: 1 });
 * const options: ReplayOptions = { batchSeconds: 0.5, pace: 'realtime', speed: 4 }; // 60 s in 15 s
 * replay(recording, options).subscribe((b) => console.log(b.t0));
 * ```
 */
export interface ReplayOptions extends BatchingOptions {
  /**
   * `'fast'` (default) emits every batch as fast as the consumer takes them; `'realtime'` emits
   * each batch when its last sample would have been taken (gaps in the timestamps included).
   */
  pace?: 'fast' | 'realtime';
  /** Real-time speed-up factor (2 plays twice as fast); default 1. */
  speed?: number;
  /**
   * Scheduler of the emissions. Real time uses `asyncScheduler` by default (so RxJS's
   * `TestScheduler.run` replays in virtual time); fast replay is synchronous unless a scheduler
   * is given, in which case each batch is a separate scheduled task.
   */
  scheduler?: SchedulerLike;
  /** Replay only the stream of this kind (default: every stream of a recording, interleaved). */
  kind?: SensorKind;
}

/**
 * Replays recorded data as an `Observable<SampleBatch>`: a {@link Recording} (from a CSV file,
 * a simulator or `createRecording` over typed arrays) cut into batches of the chosen duration,
 * or a list of batches. Each stream of a recording keeps its own `seq`; with several streams,
 * batch `k` of every stream is emitted before batch `k + 1` of any. Unsubscribing stops the
 * replay at once.
 *
 * @param source - a recording or batches in time order
 * @param options - batch size (frames or seconds, default 1 s), pace, speed, scheduler, stream kind
 * @throws InputError `E_ARGUMENT` for a speed that is not positive, a batch size below one
 *   frame, or a `kind` the recording does not have
 * @example
 * ```ts
 * import { replay, simulateEcg } from 'scl-wear';
 * const { recording } = simulateEcg({ seconds: 60, rate: 250, seed: 2 });
 * replay(recording, { batchSeconds: 0.2, pace: 'realtime' }).subscribe((batch) => draw(batch));
 * ```
 */
export function replay(source: Recording | readonly SampleBatch[], options: ReplayOptions = {}): Observable<SampleBatch> {
  const speed = options.speed ?? 1;
  checkArg(Number.isFinite(speed) && speed > 0, 'speed', 'a positive factor', speed);
  let count: number;
  let get: (k: number) => SampleBatch;
  let endOf: (k: number) => number;
  let t0: number;
  if (Array.isArray(source)) {
    const batches = (options.kind ? source.filter((b: SampleBatch) => b.kind === options.kind) : source) as readonly SampleBatch[];
    count = batches.length;
    get = (k) => batches[k] as SampleBatch;
    endOf = (k) => batchEnd(batches[k] as SampleBatch);
    t0 = batches.reduce((m, b) => Math.min(m, b.t0), Infinity);
  } else {
    const rec = source as Recording;
    const streams = rec.streams.flatMap((s, i) => (options.kind === undefined || s.kind === options.kind ? [i] : []));
    checkArg(streams.length > 0, 'kind', `one of ${rec.streams.map((s) => s.kind).join(', ')}`, options.kind);
    const n = framesPerBatch(rec.rate, options);
    count = Math.ceil(rec.length / n) * streams.length;
    get = (k) => recordingBatch(rec, streams[k % streams.length] as number, Math.floor(k / streams.length), n);
    endOf = (k) => {
      const last = Math.min(rec.length, (Math.floor(k / streams.length) + 1) * n) - 1;
      return (rec.timestamps ? (rec.timestamps[last] as number) : rec.t0 + last / rec.rate) + 1 / rec.rate;
    };
    t0 = rec.t0;
  }
  const realtime = options.pace === 'realtime';
  checkArg(realtime || options.pace === undefined || options.pace === 'fast', 'pace', "'fast' or 'realtime'", options.pace);
  return new Observable<SampleBatch>((subscriber) => {
    if (!realtime && !options.scheduler) {
      for (let k = 0; k < count && !subscriber.closed; k++) if (!emit(subscriber, get, k)) return;
      subscriber.complete();
      return;
    }
    const scheduler = options.scheduler ?? asyncScheduler;
    const start = scheduler.now();
    const dueMs = (k: number) => (realtime ? ((endOf(k) - t0) * 1000) / speed : 0);
    if (count === 0) {
      subscriber.complete();
      return;
    }
    return scheduler.schedule(
      function (this: SchedulerAction<number>, state?: number) {
        let k = state ?? 0;
        const elapsed = scheduler.now() - start;
        do {
          if (!emit(subscriber, get, k++) || subscriber.closed) return;
        } while (k < count && realtime && dueMs(k) <= elapsed);
        if (k >= count) subscriber.complete();
        else this.schedule(k, Math.max(0, dueMs(k) - elapsed));
      },
      dueMs(0),
      0,
    );
  });
}

/** Emits batch `k`, turning a failure to build it into a stream error; false after an error. */
function emit(subscriber: Subscriber<SampleBatch>, get: (k: number) => SampleBatch, k: number): boolean {
  let batch: SampleBatch;
  try {
    batch = get(k);
  } catch (err) {
    subscriber.error(err);
    return false;
  }
  subscriber.next(batch);
  return true;
}
