import type { Endpoint } from 'comlink';

/**
 * A started worker, whatever the platform: its comlink endpoint, how to stop it, how it dies.
 *
 * @example
 * ```ts
 * import { createWorkerBackend, type WorkerHandle } from 'scl-wear/advanced';
 * function start(): WorkerHandle {
 *   const worker = new Worker('/my-encoder.worker.js', { type: 'module' });
 *   return { endpoint: worker, terminate: () => worker.terminate(), onDeath: (cb) => worker.addEventListener('error', (e) => cb(e.message)) };
 * }
 * const backend = await createWorkerBackend(start, request);
 * ```
 * @example
 * ```ts
 * import { createEncoder, type WorkerHandle } from 'scl-wear';
 * const start = (): WorkerHandle => {
 *   const worker = new Worker('/my-encoder.worker.js', { type: 'module' });
 *   return { endpoint: worker, terminate: () => worker.terminate(), onDeath: (cb) => worker.addEventListener('error', (e) => cb(e.message)) };
 * };
 * const encoder = await createEncoder({ model: 'imu', worker: start });
 * ```
 */
export interface WorkerHandle {
  readonly endpoint: Endpoint;
  /** Stops the worker; may return a promise settled once it is gone. */
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- Worker#terminate returns void in browsers, a promise in Node
  terminate(): void | Promise<unknown>;
  /** Registers `cb`, called once if the worker crashes or exits on its own. */
  onDeath(cb: (why: string) => void): void;
}

/**
 * Starts a worker (a fresh one on each call).
 *
 * @example
 * ```ts
 * import { createWorkerBackend, webWorkerHandle, type WorkerFactory } from 'scl-wear/advanced';
 * const start: WorkerFactory = () => webWorkerHandle(new Worker('/worker.js', { type: 'module' }));
 * const backend = await createWorkerBackend(start, request, { restart: true }); // calls start again after a crash
 * ```
 */
export type WorkerFactory = () => WorkerHandle;
