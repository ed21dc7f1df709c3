import { once } from '../core/once.js';
import type { WorkerHandle } from './worker-handle.js';
import { messageOf } from '../errors.js';

/**
 * Adapts a browser `Worker` (running the SDK's worker entry) to a {@link WorkerHandle}: an
 * `error` or `messageerror` event counts as the worker's death. A worker terminated from
 * outside sends no event; the supervisor's timeouts find it.
 *
 * @param worker - a started worker, e.g. `new Worker(url, { type: 'module' })`
 * @param url - the worker's script URL, named (with its HTTP status) when the script fails to load
 * @example
 * ```ts
 * import { webWorkerHandle } from 'scl-wear/advanced';
 * const handle = webWorkerHandle(new Worker(new URL('scl-wear/worker', import.meta.url), { type: 'module' }));
 * ```
 */
export function webWorkerHandle(worker: Worker, url?: string | URL): WorkerHandle {
  return {
    endpoint: worker,
    terminate: () => worker.terminate(),
    onDeath(cb) {
      const died = once(cb);
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        if (e.message) died(e.message);
        else void scriptProblem(url).then(died);
      });
      worker.addEventListener('messageerror', () => died('a message could not be deserialised'));
    },
  };
}

/** Why a worker script failed to load: its URL and HTTP status when they can be found. */
async function scriptProblem(url: string | URL | undefined): Promise<string> {
  if (url === undefined) return 'uncaught error in the worker (or its script failed to load)';
  const href = new URL(String(url), globalThis.location?.href).href;
  try {
    const res = await fetch(href, { method: 'HEAD', cache: 'no-store' });
    if (!res.ok) return `its script ${href} failed to load: HTTP ${res.status} ${res.statusText}`.trim();
  } catch (err) {
    return `its script ${href} failed to load: ${messageOf(err)}`;
  }
  return `its script ${href} failed to load or threw while starting`;
}

/** Whether a value is a {@link WorkerHandle} rather than a `Worker`. */
export function isWorkerHandle(w: Worker | WorkerHandle): w is WorkerHandle {
  return 'endpoint' in w && 'onDeath' in w;
}
