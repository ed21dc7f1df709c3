import { from, Observable, type ObservableInput, type OperatorFunction, type Subscription } from 'rxjs';
import { checkArg, InputError } from '../errors.js';

/**
 * Options of {@link boundedBuffer}.
 *
 * @example
 * ```ts
 * import { boundedBuffer } from 'scl-wear';
 * // Keep at most 2 windows waiting; an overflow errors the stream with E_OVERFLOW.
 * const out$ = windows$.pipe(boundedBuffer((w) => encoder.embed([w]), { capacity: 2, policy: 'error' }));
 * ```
 */
export interface BoundedBufferOptions {
  /** Most items waiting while one is being processed (≥ 1). */
  readonly capacity: number;
  /**
   * What to do with an item that arrives when `capacity` items wait: `'drop-oldest'` (default;
   * drop the longest-waiting item, keep the fresh one), `'drop-newest'` (drop the arriving item)
   * or `'error'` (error the stream with `E_OVERFLOW`).
   */
  readonly policy?: 'drop-oldest' | 'drop-newest' | 'error';
  /** Receives the total number of items dropped so far, after each drop (e.g. a `BehaviorSubject`). */
  readonly dropped?: { next(total: number): void };
}

/**
 * Runs each item through an asynchronous step (`project`, e.g. an encoder call) one at a time,
 * like `concatMap`, but lets at most `capacity` items wait: when the step is slower than the
 * stream, items are dropped by the declared policy and counted, so memory stays bounded and
 * the results stay fresh.
 *
 * In a push stream a buffer can only be bounded where the consumer says it is ready for more,
 * which is when its asynchronous step finishes; that is why the step is given to this operator
 * instead of following it. On completion the waiting items are still processed, then the
 * output completes. Errors of the source or of the step error the output at once. Unsubscribing
 * cancels the running step and clears the queue.
 *
 * @param project - the step, called with one item at a time; its output values are emitted
 * @param options - capacity, policy and drop counter
 * @returns an operator from items to the step's results
 * @throws InputError `E_ARGUMENT` (at call) for a bad option; in the stream `E_OVERFLOW` with
 *   the `'error'` policy
 * @example
 * ```ts
 * import { BehaviorSubject } from 'rxjs';
 * import { boundedBuffer } from 'scl-wear';
 * const dropped = new BehaviorSubject(0);
 * const embeddings$ = windows$.pipe(boundedBuffer((w) => encoder.embed([w]), { capacity: 4, dropped }));
 * dropped.subscribe((n) => console.log(`${n} windows skipped`));
 * ```
 */
export function boundedBuffer<T, R>(project: (value: T) => ObservableInput<R>, options: BoundedBufferOptions): OperatorFunction<T, R> {
  const { capacity } = options;
  const policy = options.policy ?? 'drop-oldest';
  checkArg(Number.isInteger(capacity) && capacity >= 1, 'capacity', 'a positive integer', capacity);
  checkArg(['drop-oldest', 'drop-newest', 'error'].includes(policy), 'policy', '"drop-oldest", "drop-newest" or "error"', policy);
  return (source) =>
    new Observable<R>((subscriber) => {
      const queue: T[] = [];
      let head = 0; // queue[head] is the oldest waiting item
      let running: Subscription | null = null;
      let sourceDone = false;
      let droppedTotal = 0;
      const waiting = () => queue.length - head;
      const drop = () => {
        droppedTotal++;
        options.dropped?.next(droppedTotal);
      };
      let draining = false;
      const runNext = (): void => {
        if (draining) return;
        draining = true;
        while (!running && waiting() > 0 && !subscriber.closed) {
          const item = queue[head]!;
          queue[head++] = undefined as T;
          if (head > 64 && head * 2 > queue.length) {
            queue.splice(0, head);
            head = 0;
          }
          let sync = true;
          let done = false;
          let sub: Subscription;
          try {
            sub = from(project(item)).subscribe({
              next: (r) => subscriber.next(r),
              error: (err) => subscriber.error(err),
              complete: () => {
                done = true;
                if (sync) return;
                running = null;
                runNext();
              },
            });
          } catch (err) {
            subscriber.error(err);
            break;
          }
          sync = false;
          if (!done) running = sub; // a step that finished synchronously needs no waiting
        }
        draining = false;
        if (!running && sourceDone && waiting() === 0) subscriber.complete();
      };
      const sourceSub = source.subscribe({
        next(item) {
          if (running && waiting() >= capacity) {
            if (policy === 'error') {
              subscriber.error(
                new InputError('E_OVERFLOW', `boundedBuffer: more than ${capacity} items waiting`, { details: { capacity } }),
              );
              return;
            }
            drop();
            if (policy === 'drop-newest') return;
            queue[head++] = undefined as T;
          }
          queue.push(item);
          if (!running) runNext();
        },
        error: (err) => subscriber.error(err),
        complete() {
          sourceDone = true;
          runNext();
        },
      });
      return () => {
        sourceSub.unsubscribe();
        running?.unsubscribe();
        running = null;
        queue.length = 0;
      };
    });
}
