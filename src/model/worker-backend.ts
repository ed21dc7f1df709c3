import { transfer, type Remote } from 'comlink';
import { ModelError } from '../errors.js';
import type { InferenceBackend } from './encoder.js';
import type { RemoteRuntime } from './expose.js';
import { report, type LoadProgress, type ProgressCallback } from './progress.js';
import type { RuntimeInfo, RuntimeLoadRequest } from './runtime.js';
import { isWorkerDeath, SupervisedWorker } from './supervised-worker.js';
import type { WarmRequest } from './warm-runtime.js';
import type { WorkerFactory } from './worker-handle.js';

export type { WorkerFactory, WorkerHandle } from './worker-handle.js';

/**
 * Options of {@link createWorkerBackend}: restart, timeouts in ms, progress, worker sharing and
 * warm-up.
 *
 * @example
 * ```ts
 * import { createWorkerBackend, webWorkerHandle, type WorkerBackendOptions } from 'scl-wear/advanced';
 * const options: WorkerBackendOptions = { restart: true, runTimeoutMs: 10_000, shareKey: 'encoders' };
 * const backend = await createWorkerBackend(() => webWorkerHandle(new Worker('/worker.js', { type: 'module' })), request, options);
 * ```
 */
export interface WorkerBackendOptions {
  /** Start a new worker (and reload its models) when one dies; batches in flight are re-sent. */
  restart?: boolean;
  /** A batch that takes longer than this (ms) counts as a dead worker (default 30000). */
  runTimeoutMs?: number;
  /** Time a worker has to start and load the model, in ms (default 120000). */
  startTimeoutMs?: number;
  onProgress?: ProgressCallback;
  /**
   * Backends created with the same key share one worker (and its onnxruntime instance),
   * stopped when the last of them closes. Without a key the worker is private.
   */
  shareKey?: string;
  /** Start onnxruntime for this device as soon as the worker is up, before the model arrives. */
  warm?: WarmRequest;
}

/** One supervised worker hosting the models of every backend that shares it. */
class RuntimeWorker {
  readonly sup: SupervisedWorker<RemoteRuntime>;
  /** The models loaded in it, reloaded into each new worker after a restart. */
  readonly models = new Map<number, RuntimeLoadRequest>();
  users = 0;
  readonly loadTimeoutMs: number;
  opened: Promise<void> | undefined;

  constructor(
    start: WorkerFactory,
    options: WorkerBackendOptions,
    readonly key?: string,
  ) {
    this.loadTimeoutMs = options.startTimeoutMs ?? 120_000;
    const reload = async (remote: Remote<RemoteRuntime>) => {
      await remote.ping();
      for (const [id, req] of this.models) await remote.load(id, req);
    };
    this.sup = new SupervisedWorker('encoder', start, reload, {
      restart: options.restart,
      callTimeoutMs: options.runTimeoutMs,
      startTimeoutMs: options.startTimeoutMs,
    });
  }
}

const shared = new Map<string, RuntimeWorker>();
let nextId = 1;

/**
 * Starts a worker (or joins the one shared under `options.shareKey`), loads the model in it and
 * returns a backend whose batches are transferred to it. Every wait is bounded: a worker that
 * dies or stays silent makes calls fail with ModelError `E_WORKER`; with `restart`, a new
 * worker is started after a backoff (a bounded number of times in a row), its models are
 * reloaded, and the error says `details.retry: true`.
 *
 * @param start - starts a worker running `exposeModelRuntime`
 * @param req - the model and device (the bytes are kept to reload the model after a restart)
 * @param options - sharing, restart, timeouts and progress
 * @throws the errors of `ModelRuntime.load`, or ModelError `E_WORKER` if the worker dies or
 *   does not answer within `startTimeoutMs`
 * @example
 * ```ts
 * import { createWorkerBackend, webWorkerHandle } from 'scl-wear/advanced';
 * const start = () => webWorkerHandle(new Worker('/worker.js', { type: 'module' }));
 * const backend = await createWorkerBackend(start, request, { restart: true });
 * ```
 */
export function createWorkerBackend(
  start: WorkerFactory,
  req: RuntimeLoadRequest,
  options: WorkerBackendOptions = {},
): Promise<InferenceBackend> {
  return acquireWorker(start, options).load(req);
}

/** A place in a (possibly shared) worker, taken before the model is at hand. */
export interface WorkerSeat {
  /** Loads the model into the worker and returns its backend; the seat is given up on failure. */
  load(req: RuntimeLoadRequest): Promise<InferenceBackend>;
  /** Gives the seat up without loading (e.g. the model could not be read). */
  release(): Promise<void>;
}

/**
 * Takes a seat in the worker shared under `options.shareKey` (or a private one) and starts it
 * now, so that the worker script and onnxruntime load while the model is still downloading.
 *
 * @param start - starts a worker running `exposeModelRuntime`
 * @param options - sharing, restart, timeouts and progress
 */
export function acquireWorker(start: WorkerFactory, options: WorkerBackendOptions = {}): WorkerSeat {
  const key = options.shareKey;
  let w = key === undefined ? undefined : shared.get(key);
  if (!w) {
    w = new RuntimeWorker(start, options, key);
    if (key !== undefined) shared.set(key, w);
  }
  const worker = w;
  worker.users++;
  const fresh = !worker.opened;
  const opened = (worker.opened ??= worker.sup.open());
  opened.catch(() => undefined); // reported by load()
  const { warm } = options;
  if (fresh && warm)
    void opened.then(() => worker.sup.call((r) => r.prepare(warm), { timeoutMs: worker.loadTimeoutMs })).catch(() => undefined);
  const id = nextId++;
  let given = false;
  const release = async () => {
    if (given) return;
    given = true;
    await releaseSeat(worker, id);
  };
  return {
    release,
    async load(req) {
      let info: RuntimeInfo;
      try {
        await opened;
        info = await loadModel(worker, id, req, options.onProgress);
      } catch (err) {
        await release();
        throw err;
      }
      worker.models.set(id, req);
      let closed = false;
      return {
        device: info.device,
        reason: info.reason,
        run(input, n) {
          if (closed) return Promise.reject(new ModelError('E_CLOSED', 'the encoder was closed'));
          return worker.sup.call((r) => r.run(id, transfer(input, [input.buffer as ArrayBuffer]), n));
        },
        async close() {
          closed = true;
          await release();
        },
      };
    },
  };
}

/** Loads a model, again after each restart of the worker (bounded by the supervisor). */
async function loadModel(w: RuntimeWorker, id: number, req: RuntimeLoadRequest, onProgress?: ProgressCallback): Promise<RuntimeInfo> {
  for (;;) {
    // Progress travels on its own channel, closed once loaded (an open port keeps Node alive).
    const channel = onProgress ? new MessageChannel() : undefined;
    try {
      return await w.sup.call((r) => loadWithProgress(r, id, req, channel, onProgress), { timeoutMs: w.loadTimeoutMs });
    } catch (err) {
      if (!(isWorkerDeath(err) && err.details?.retry === true)) throw err;
      onProgress = undefined; // the first attempt's events were delivered already
    } finally {
      channel?.port1.close();
    }
  }
}

async function loadWithProgress(
  r: Remote<RemoteRuntime>,
  id: number,
  req: RuntimeLoadRequest,
  channel?: MessageChannel,
  onProgress?: ProgressCallback,
): Promise<RuntimeInfo> {
  if (!channel) return r.load(id, req);
  let readySeen!: () => void;
  const ready = new Promise<void>((ok) => (readySeen = ok));
  channel.port1.addEventListener('message', (e: MessageEvent<LoadProgress>) => {
    report(onProgress, e.data);
    if (e.data.status === 'ready') readySeen();
  });
  channel.port1.start();
  const info = await r.load(id, req, transfer(channel.port2, [channel.port2]));
  await ready; // 'ready' is the last event; wait for it so none is lost when the port closes
  return info;
}

async function releaseSeat(w: RuntimeWorker, id: number): Promise<void> {
  w.models.delete(id);
  if (--w.users > 0) {
    // Within the batch timeout: a batch of this model may still be running, and the others' worker must live on.
    await w.sup.call((r) => r.unload(id)).catch(() => undefined);
    return;
  }
  if (w.key !== undefined && shared.get(w.key) === w) shared.delete(w.key);
  await w.sup.close((r) => r.close());
}
