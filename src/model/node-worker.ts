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
  const port = parentPort;
  if (!port) throw new Error('serveNodeWorker() must run in a worker thread');
  exposeModelRuntime(nodeEndpoint(port), loadOrtNode);
  // A stop request is handled between two messages, never inside a call into onnxruntime-node.
  port.on('message', (message: unknown) => {
    if (isStopRequest(message)) process.exit(0);
  });
}

/**
 * The message {@link nodeWorkerHandle}'s `terminate` sends first. Node's `Worker#terminate`
 * interrupts whatever the thread runs; when that is a call into onnxruntime-node's native
 * addon, the addon throws a C++ exception that aborts the whole process. A worker that exits on
 * its own between two calls avoids that.
 */
const STOP_REQUEST = 'scl-wear:stop-worker';
/** How long `terminate` waits for the worker to stop on request before it interrupts it, ms. */
const STOP_GRACE_MS = 2000;

const isStopRequest = (message: unknown): boolean =>
  typeof message === 'object' && message !== null && (message as Record<string, unknown>)[STOP_REQUEST] === true;

/** Asks `worker` to exit between two calls, and interrupts it after {@link STOP_GRACE_MS}. */
function stopWorker(worker: Worker): Promise<number> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate().then(resolve, () => resolve(1)), STOP_GRACE_MS);
    worker.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    worker.postMessage({ [STOP_REQUEST]: true });
  });
}

/**
 * Adapts a `worker_threads` Worker to a {@link WorkerHandle} (comlink's Node adapter); its
 * `exit` or `error` event counts as the worker's death. `terminate` first asks a worker running
 * {@link serveNodeWorker} to exit between two calls (onnxruntime-node aborts the process when a
 * thread is interrupted inside one) and interrupts it only if it has not exited within 2 s.
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
    terminate: () => stopWorker(worker),
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
