import { checkArg, InputError } from '../errors.js';
import { BatchingEncoder } from './batching-encoder.js';
import { checkDevice, type DeviceRequest } from './device.js';
import type { BatchOptions, Encoder, InferenceBackend } from './encoder.js';
import { startPackageWorker } from '../package-assets.js';
import { fetchModelBytes, fetchNamedModel, verifyModel } from './fetch-model.js';
import { checkModelEntry, type ModelEntry } from './manifest.js';
import { loadOrtWeb } from './ort-web.js';
import type { ProgressCallback } from './progress.js';
import { ModelRuntime, type OrtLoader, type RuntimeLoadRequest } from './runtime.js';
import { acquireWorker, type WorkerBackendOptions } from './worker-backend.js';
import type { WorkerFactory, WorkerHandle } from './worker-handle.js';
import { isWorkerHandle, webWorkerHandle } from './web-worker.js';

/**
 * A model given directly rather than by manifest name: its file (URL or bytes) and entry.
 *
 * @example
 * ```ts
 * import { createEncoder, type ModelSource } from 'scl-wear';
 * const model: ModelSource = { url: '/models/my-imu.onnx', entry: myEntry }; // entry: the model's manifest entry
 * const encoder = await createEncoder({ model });
 * ```
 */
export type ModelSource = { url: string | URL; entry: ModelEntry } | { bytes: Uint8Array | ArrayBuffer; entry: ModelEntry };

/**
 * Options of {@link createEncoder}: the model, device, progress callback, worker, batching
 * limits and timeouts (ms).
 *
 * @example
 * ```ts
 * import { createEncoder, type EncoderOptions } from 'scl-wear';
 * const options: EncoderOptions = { model: 'ecg', device: 'wasm', restartWorker: true, batch: { maxSize: 16 } };
 * const encoder = await createEncoder(options);
 * ```
 */
export interface EncoderOptions {
  /** A model name from the manifest (`ecg`, `imu`, `acc`), or a file with its manifest entry. */
  model: string | ModelSource;
  /** `auto` (default), `webgpu`, `wasm` or `cpu` (Node). */
  device?: DeviceRequest;
  /** Receives download / verify / compile / warmup / ready events. */
  onProgress?: ProgressCallback;
  /**
   * Where `manifest.json` is when `model` is a name, for models hosted elsewhere (model files are
   * relative to it). Default: the manifest and models shipped in the package, which bundlers emit.
   */
  manifestUrl?: string | URL;
  /**
   * Where the model runs: a worker script URL, a function starting a worker, or `false` for
   * in-process. Default: the package's `worker.js` in a browser page or worker, else in-process.
   */
  worker?: string | URL | (() => Worker | WorkerHandle) | false;
  /**
   * Share one worker (and one onnxruntime instance) with the other encoders of this page or
   * process that use the same worker and runtime options (default true); `false` gives this
   * encoder a worker of its own.
   */
  shareWorker?: boolean;
  /** Restart a dead worker (bounded, with backoff) and re-send its batches instead of failing (default false). */
  restartWorker?: boolean;
  /** A batch slower than this (ms) counts as a dead worker (default 30000). */
  runTimeoutMs?: number;
  /** Time the worker has to start and load the model, in ms (default 120000). */
  startTimeoutMs?: number;
  /** Micro-batching limits. */
  batch?: BatchOptions;
  /** WASM threads (default 1; more needs a cross-origin isolated page). */
  threads?: number;
  /** URL prefix of onnxruntime-web's `.wasm`/`.mjs` files (default: beside onnxruntime-web). */
  wasmPaths?: string;
  /** With `auto` and WebGPU available: `fastest` (default) times WebGPU against WASM. */
  pick?: 'first' | 'fastest';
}

/**
 * How the platform entry points start the model (browser here, Node in `scl-wear/node`).
 *
 * @example
 * ```ts
 * import type { EncoderPlatform } from 'scl-wear';
 * import { loadOrtWeb } from 'scl-wear/advanced';
 * const inProcess: EncoderPlatform = {
 *   resolveName: async (name) => ({ bytes: await loadBytes(name), entry: entries[name]! }),
 *   worker: () => undefined, // run the model in-process
 *   loadOrt: loadOrtWeb,
 * };
 * ```
 */
export interface EncoderPlatform {
  /** Reads a model by manifest name. */
  resolveName(name: string, options: EncoderOptions): Promise<{ bytes: Uint8Array; entry: ModelEntry }>;
  /** How to start a worker and what identifies it for sharing, or undefined for in-process. */
  worker(options: EncoderOptions): { start: WorkerFactory; key: unknown } | undefined;
  /** Loads onnxruntime for the in-process runtime. */
  loadOrt: OrtLoader;
}

/**
 * Loads a model (checking its sha256 and input spec) and starts an {@link Encoder} for it, in a
 * Web Worker by default.
 *
 * @param options - model, device, progress, worker and batching options
 * @throws InputError `E_ARGUMENT` (bad option, e.g. an unknown device); ModelError
 *   `E_MODEL_NOT_FOUND`, `E_MODEL_HASH`, `E_MODEL_SPEC`, `E_MODEL_LOAD`, `E_DEVICE`, `E_WORKER`
 * @example
 * ```ts
 * import { createEncoder } from 'scl-wear';
 * const encoder = await createEncoder({
 *   model: 'imu',
 *   device: 'auto',
 *   onProgress: (e) => console.log(e.status),
 * });
 * console.log(`running on ${encoder.device}: ${encoder.deviceReason}`);
 * ```
 */
export function createEncoder(options: EncoderOptions): Promise<Encoder> {
  return openEncoder(options, browserPlatform);
}

/**
 * Whether this is a browser page or worker that can start Web Workers. `Worker` alone is not
 * enough: in Node, onnxruntime-web's WASM loader defines a global `Worker` of its own.
 */
function hasWebWorkers(): boolean {
  const g = globalThis as { Worker?: unknown; document?: unknown; WorkerGlobalScope?: unknown };
  return typeof g.Worker === 'function' && (g.document !== undefined || g.WorkerGlobalScope !== undefined);
}

const browserPlatform: EncoderPlatform = {
  resolveName: (name, options) => fetchNamedModel(name, options.manifestUrl, options.onProgress),
  worker(options) {
    const w = options.worker;
    if (w === false || (w === undefined && !hasWebWorkers())) return undefined;
    if (typeof w === 'function') {
      const start = () => {
        const started = w();
        return isWorkerHandle(started) ? started : webWorkerHandle(started);
      };
      return { start, key: w };
    }
    if (w === undefined) {
      const start = () => {
        const { worker, url } = startPackageWorker();
        return webWorkerHandle(worker, url);
      };
      return { start, key: 'package' };
    }
    return { start: () => webWorkerHandle(new Worker(w, { type: 'module' }), w), key: String(w) };
  },
  loadOrt: loadOrtWeb,
};

/**
 * The platform-independent part of {@link createEncoder}.
 *
 * @param options - the caller's options
 * @param platform - how this platform reads models and starts workers
 * @throws as `createEncoder`
 */
export async function openEncoder(options: EncoderOptions, platform: EncoderPlatform): Promise<Encoder> {
  checkArg(typeof options === 'object' && options !== null, 'options', 'an object', options);
  const device = checkDevice(options.device ?? 'auto');
  const threads = options.threads ?? 1;
  checkArg(Number.isInteger(threads) && threads >= 1, 'threads', 'a positive integer', options.threads);
  checkArg(
    options.pick === undefined || options.pick === 'first' || options.pick === 'fastest',
    'pick',
    "'first' or 'fastest'",
    options.pick,
  );
  // The worker starts now, while the model downloads and is verified.
  const worker = platform.worker(options);
  const seat = worker ? acquireWorker(worker.start, seatOptions(options, worker.key, threads)) : undefined;
  let bytes: Uint8Array;
  let entry: ModelEntry;
  try {
    ({ bytes, entry } = await readModel(options, platform));
    await verifyModel(bytes, entry, options.onProgress);
  } catch (err) {
    await seat?.release();
    throw err;
  }
  const req: RuntimeLoadRequest = {
    bytes,
    entry,
    device,
    threads,
    pick: options.pick ?? 'fastest',
    warmupBatch: Math.min(options.batch?.maxSize ?? 8, 8),
    ...(options.wasmPaths ? { wasmPaths: options.wasmPaths } : {}),
  };
  let backend: InferenceBackend;
  if (seat) {
    backend = await seat.load(req);
  } else {
    const rt = new ModelRuntime(platform.loadOrt);
    const info = await rt.load(req, options.onProgress);
    backend = { ...info, run: (input, n) => rt.run(input, n), close: () => rt.close() };
  }
  return new BatchingEncoder(backend, entry, options.batch);
}

async function readModel(options: EncoderOptions, platform: EncoderPlatform): Promise<{ bytes: Uint8Array; entry: ModelEntry }> {
  const m = options.model;
  if (typeof m === 'string') return platform.resolveName(m, options);
  if (typeof m !== 'object' || m === null || !('entry' in m)) {
    throw new InputError('E_ARGUMENT', 'model must be a manifest name or { url, entry } or { bytes, entry }', {
      details: { argument: 'model' },
    });
  }
  const entry = checkModelEntry('model', m.entry);
  if ('bytes' in m) return { bytes: m.bytes instanceof Uint8Array ? m.bytes : new Uint8Array(m.bytes), entry };
  return { bytes: await fetchModelBytes(m.url, options.onProgress), entry };
}

/** The worker options of an encoder; encoders with equal options share one worker unless `shareWorker` is false. */
function seatOptions(options: EncoderOptions, workerKey: unknown, threads: number): WorkerBackendOptions {
  const restart = !!options.restartWorker;
  const { runTimeoutMs, startTimeoutMs, onProgress } = options;
  const shareKey =
    options.shareWorker === false
      ? undefined
      : JSON.stringify([identity(workerKey), threads, options.wasmPaths ?? '', restart, runTimeoutMs ?? 0, startTimeoutMs ?? 0]);
  const warm = { device: options.device ?? 'auto', threads, ...(options.wasmPaths ? { wasmPaths: options.wasmPaths } : {}) };
  return { restart, runTimeoutMs, startTimeoutMs, onProgress, warm, ...(shareKey ? { shareKey } : {}) };
}

const ids = new WeakMap<object, number>();
let nextIdentity = 1;

/** A string naming `key`: itself for strings, a number per object or function otherwise. */
function identity(key: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- key is a primitive here
  if (typeof key !== 'object' && typeof key !== 'function') return String(key);
  if (key === null) return 'null';
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = nextIdentity++));
  return `#${id}`;
}
