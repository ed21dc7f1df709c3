import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { exposeModelRuntime } from './expose.js';
import { loadOrtNode } from './ort-node.js';
import { once } from '../core/once.js';
import type { WorkerHandle } from './worker-handle.js';

/**
 * Serves the encoder runtime from a Node worker thread (onnxruntime-node when installed, else
 * onnxruntime-web WASM). The whole body of the Node worker entry.
 *
 * @throws Error when called on the main thread
 * @example
 * ```ts
 * // encoder.node-worker.ts
 * import { serveNodeWorker } from 'scl-wear/node';
 * serveNodeWorker();
 * ```
 */
export function serveNodeWorker(): void {
  if (!parentPort) throw new Error('serveNodeWorker() must run in a worker thread');
  exposeModelRuntime(nodeEndpoint(parentPort), loadOrtNode);
}

/**
 * Adapts a `worker_threads` Worker to a {@link WorkerHandle} (comlink's Node adapter); its
 * `exit` or `error` event counts as the worker's death.
 *
 * @param worker - a started worker running {@link serveNodeWorker}
 * @example
 * ```ts
 * import { Worker } from 'node:worker_threads';
 * import { nodeWorkerHandle } from 'scl-wear/node';
 * const handle = nodeWorkerHandle(new Worker(new URL('./encoder.node-worker.js', import.meta.url)));
 * ```
 */
export function nodeWorkerHandle(worker: Worker): WorkerHandle {
  return {
    endpoint: nodeEndpoint(worker),
    terminate: () => worker.terminate(),
    onDeath(cb) {
      const died = once(cb);
      worker.on('error', (err) => died(`uncaught ${err.name}: ${err.message}`));
      worker.on('exit', (code) => died(`exited with code ${code}`));
    },
  };
}

/**
 * Starts the package's Node encoder worker: `dist/node-worker.js` when built, else
 * `workers/encoder.node-worker.ts` through tsx (running from the sources).
 *
 * @example
 * ```ts
 * import { startNodeWorker } from 'scl-wear/node';
 * import { createWorkerBackend } from 'scl-wear/advanced';
 * const backend = await createWorkerBackend(startNodeWorker, request, { restart: true });
 * ```
 */
export function startNodeWorker(): WorkerHandle {
  const built = new URL('./node-worker.js', import.meta.url);
  if (import.meta.url.endsWith('.js') && existsSync(fileURLToPath(built))) return nodeWorkerHandle(new Worker(built));
  // From the TypeScript sources: register tsx in the thread, then load the entry.
  const source = new URL('../../workers/encoder.node-worker.ts', import.meta.url).href;
  // (its ESM build: resolve() answers with the CommonJS one)
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
  return nodeWorkerHandle(new Worker(boot, { eval: true }));
}
