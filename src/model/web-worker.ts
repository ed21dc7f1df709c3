import type { WorkerHandle } from './worker-backend.js';

/**
 * Adapts a browser `Worker` (running the SDK's worker entry) to a {@link WorkerHandle}: an
 * `error` or `messageerror` event counts as the worker's death.
 *
 * @param worker - a started worker, e.g. `new Worker(url, { type: 'module' })`
 * @example
 * ```ts
 * import { webWorkerHandle } from 'scl-wear';
 * const handle = webWorkerHandle(new Worker(new URL('scl-wear/worker', import.meta.url), { type: 'module' }));
 * ```
 */
export function webWorkerHandle(worker: Worker): WorkerHandle {
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onDeath(cb) {
      let fired = false;
      const once = (why: string) => {
        if (!fired) (fired = true), cb(why);
      };
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        once(e.message || 'uncaught error in the worker (or its script failed to load)');
      });
      worker.addEventListener('messageerror', () => once('a message could not be deserialised'));
    },
  };
}

/** Whether a value is a {@link WorkerHandle} rather than a `Worker`. */
export function isWorkerHandle(w: Worker | WorkerHandle): w is WorkerHandle {
  return 'endpoint' in w && 'onDeath' in w;
}
