import { Observable, type OperatorFunction } from 'rxjs';
import type { SampleWindow } from '../core/window.js';
import type { ClassResult, EmbeddingResult, Encoder } from './encoder.js';

/**
 * Sends each window to an encoder as it arrives (the encoder batches them with other streams'
 * windows) and emits the results in window order. Errors of the encoder (a bad window, a dead
 * worker) go to `subscriber.error`; on completion the stream waits for the results pending.
 * Unsubscribing drops the results still pending.
 *
 * @param encoder - the encoder
 * @param call - `embed` or `classify`
 * @example
 * ```ts
 * import { encodeWindows } from 'scl-wear/advanced';
 * windows$.pipe(encodeWindows(encoder, 'classify')).subscribe((r) => console.log(r.label));
 * ```
 */
export function encodeWindows(encoder: Encoder, call: 'embed'): OperatorFunction<SampleWindow, EmbeddingResult>;
export function encodeWindows(encoder: Encoder, call: 'classify'): OperatorFunction<SampleWindow, ClassResult>;
export function encodeWindows(encoder: Encoder, call: 'embed' | 'classify'): OperatorFunction<SampleWindow, EmbeddingResult> {
  return (source) =>
    new Observable<EmbeddingResult>((subscriber) => {
      const ready = new Map<number, EmbeddingResult>();
      let sent = 0;
      let emitted = 0;
      let sourceDone = false;
      let active = true;
      const flush = () => {
        for (let r = ready.get(emitted); r !== undefined && active; r = ready.get(emitted)) {
          ready.delete(emitted++);
          subscriber.next(r);
        }
        if (active && sourceDone && emitted === sent) subscriber.complete();
      };
      const fail = (err: unknown) => {
        if (!active) return;
        active = false;
        subscriber.error(err);
      };
      const subscription = source.subscribe({
        next(w) {
          const index = sent++;
          const pending = call === 'embed' ? encoder.embed([w]) : encoder.classify([w]);
          pending.then((rs) => {
            if (!active) return;
            ready.set(index, rs[0]!);
            flush();
          }, fail);
        },
        error: fail,
        complete() {
          sourceDone = true;
          flush();
        },
      });
      return () => {
        active = false;
        ready.clear();
        subscription.unsubscribe();
      };
    });
}
