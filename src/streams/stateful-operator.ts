import { Observable, type OperatorFunction } from 'rxjs';

/** Sends a value downstream. */
export type Emit<R> = (value: R) => void;

/** The per-subscription state and logic of an operator built with {@link statefulOperator}. */
export interface Stage<T, R> {
  /** Handles one value; may emit any number of values. Throwing errors the stream. */
  next(value: T, emit: Emit<R>): void;
  /** Flushes what is pending when the source completes. Throwing errors the stream. */
  complete?(emit: Emit<R>): void;
}

/**
 * Builds an operator whose state lives per subscription: `create` runs on each subscribe, the
 * stage is dropped on teardown, and anything the stage throws goes to `subscriber.error`
 * (never out of the source's `next`). Internal wiring shared by the stream operators.
 *
 * @param create - makes a fresh stage for one subscription
 */
export function statefulOperator<T, R>(create: () => Stage<T, R>): OperatorFunction<T, R> {
  return (source) =>
    new Observable<R>((subscriber) => {
      let stage: Stage<T, R> | null = null;
      try {
        stage = create();
      } catch (err) {
        subscriber.error(err);
        return undefined;
      }
      const emit: Emit<R> = (value) => subscriber.next(value);
      const fail = (err: unknown) => {
        stage = null;
        subscriber.error(err);
      };
      const subscription = source.subscribe({
        next(value) {
          if (stage === null) return;
          try {
            stage.next(value, emit);
          } catch (err) {
            fail(err);
          }
        },
        error: fail,
        complete() {
          const last = stage;
          stage = null;
          if (last === null) return;
          try {
            last.complete?.(emit);
          } catch (err) {
            subscriber.error(err);
            return;
          }
          subscriber.complete();
        },
      });
      return () => {
        stage = null;
        subscription.unsubscribe();
      };
    });
}
