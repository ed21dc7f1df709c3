import { expose, proxy, type Endpoint } from 'comlink';
import { installErrorTransfer } from '../core/error-transfer.js';
import { SupervisedWorker } from '../model/supervised-worker.js';
import { isWorkerHandle, webWorkerHandle } from '../model/web-worker.js';
import type { WorkerHandle } from '../model/worker-handle.js';
import { openWearDb } from '../storage/open.js';
import type { WearDb } from '../storage/wear-db.js';
import type { FineTuneExamples } from './examples.js';
import { fineTune, resumeRuns } from './run.js';
import type { FineTuneConfig, FineTuneOptions, FineTuneProgress, FineTuneResult } from './types.js';

/**
 * The API a fine-tuning worker serves over comlink.
 *
 * @example
 * ```ts
 * import { wrap } from 'comlink';
 * import { installErrorTransfer, type RemoteFineTuner } from 'scl-wear/advanced';
 * installErrorTransfer(); // connectFineTuner does this and supervises the worker
 * const remote = wrap<RemoteFineTuner>(new Worker(new URL('./finetune.worker.js', import.meta.url), { type: 'module' }));
 * const result = await remote.fineTune(examples, { model: 'imu' });
 * ```
 */
export interface RemoteFineTuner {
  fineTune(examples: FineTuneExamples, config: FineTuneConfig, onProgress?: (p: FineTuneProgress) => void): Promise<FineTuneResult>;
  resumeRuns(onProgress?: (p: FineTuneProgress) => void): Promise<FineTuneResult[]>;
  /** Stops the runs in progress after their current epoch (saved as `cancelled`). */
  cancel(): void;
  /** Answers at once (liveness check while a run trains). */
  ping(): boolean;
}

/** What the caller gets back: runs without their bulky training state. */
const slim = ({ run, checkpoint }: FineTuneResult): FineTuneResult => {
  const { state: _state, ...rest } = run;
  return checkpoint ? { run: rest, checkpoint } : { run: rest };
};

/**
 * Serves fine-tuning over a comlink endpoint: the whole body of a worker entry. The worker
 * opens the database itself, so training and its per-epoch saves never block the page.
 * Errors keep their class and code on the caller's side.
 *
 * @param endpoint - `self` in a Web Worker, or one end of a `MessageChannel`
 * @param dbName - database name; default `scl-wear`
 * @example
 * ```ts
 * // finetune.worker.ts
 * import { exposeFineTuner } from 'scl-wear/advanced';
 * exposeFineTuner(self as never);
 * ```
 */
export function exposeFineTuner(endpoint: Endpoint, dbName?: string): void {
  installErrorTransfer();
  let db: Promise<WearDb> | undefined;
  const open = () => (db ??= openWearDb(dbName ? { name: dbName } : {}));
  const running = new Set<AbortController>();
  /** Runs `fn` with an abort signal and a progress relay; resolves after every progress call was delivered. */
  const session = async <T>(
    onProgress: ((p: FineTuneProgress) => unknown) | undefined,
    fn: (o: FineTuneOptions) => Promise<T>,
  ): Promise<T> => {
    const ac = new AbortController();
    const delivered: Promise<unknown>[] = [];
    running.add(ac);
    try {
      const relay = onProgress && ((p: FineTuneProgress) => void delivered.push(Promise.resolve(onProgress(p)).catch(() => undefined)));
      return await fn({ signal: ac.signal, ...(relay && { onProgress: relay }) });
    } finally {
      running.delete(ac);
      await Promise.all(delivered);
    }
  };
  const api: RemoteFineTuner = {
    fineTune: (examples, config, onProgress) => session(onProgress, async (o) => slim(await fineTune(await open(), examples, config, o))),
    resumeRuns: (onProgress) => session(onProgress, async (o) => (await resumeRuns(await open(), o)).map(slim)),
    cancel: () => running.forEach((ac) => ac.abort()),
    ping: () => true,
  };
  expose(api, endpoint);
}

/**
 * A fine-tuning worker seen from the page.
 *
 * @example
 * ```ts
 * import { connectFineTuner, type FineTuner } from 'scl-wear/advanced';
 * const tuner: FineTuner = connectFineTuner(new Worker(new URL('./finetune.worker.js', import.meta.url), { type: 'module' }));
 * cancelButton.onclick = () => void tuner.cancel();
 * const { checkpoint } = await tuner.fineTune(examples, { model: 'imu' });
 * await tuner.close();
 * ```
 */
export interface FineTuner {
  /**
   * Trains a head in the worker (see `fineTune`).
   *
   * @throws as `fineTune`, and ModelError `E_WORKER` when the worker dies or misses a heartbeat
   *   (the run resumes from its last saved epoch with `resumeRuns`)
   */
  fineTune(
    examples: FineTuneExamples,
    config: FineTuneConfig,
    options?: { onProgress?: (p: FineTuneProgress) => void },
  ): Promise<FineTuneResult>;
  /** Finishes runs interrupted by a reload or a worker death (see `resumeRuns`). */
  resumeRuns(options?: { onProgress?: (p: FineTuneProgress) => void }): Promise<FineTuneResult[]>;
  /** Stops the runs in progress after their current epoch. */
  cancel(): Promise<void>;
  /** Terminates the worker. */
  close(): Promise<void>;
}

/**
 * Options of {@link connectFineTuner}: restart after a worker death, and the call and heartbeat
 * timeouts in ms.
 *
 * @example
 * ```ts
 * import { connectFineTuner, type FineTunerOptions } from 'scl-wear/advanced';
 * const options: FineTunerOptions = { restart: true, callTimeoutMs: 10_000, heartbeatMs: 5_000 };
 * const tuner = connectFineTuner(() => new Worker(new URL('./finetune.worker.js', import.meta.url), { type: 'module' }), options);
 * ```
 */
export interface FineTunerOptions {
  /** Start a new worker (from a factory) after one dies (bounded, with backoff; default false). */
  restart?: boolean;
  /** Time the worker has to start and answer, and `cancel` to return, in ms (default 30000). */
  callTimeoutMs?: number;
  /** While a run trains, the worker is pinged this often and must answer as fast (default 30000 ms). */
  heartbeatMs?: number;
}

type TunerWorker = Endpoint & { terminate?: () => void };

/**
 * Connects to a fine-tuning worker (one running {@link exposeFineTuner}) under the same
 * supervision as the encoder worker: a worker that dies or stops answering fails the calls
 * with ModelError `E_WORKER` instead of leaving them pending.
 *
 * @param worker - a `Worker`, a `WorkerHandle`, a function starting one (needed for `restart`),
 *   or one end of a `MessageChannel`
 * @param options - restart and timeouts
 * @example
 * ```ts
 * import { connectFineTuner } from 'scl-wear/advanced';
 * const tuner = connectFineTuner(() => new Worker(new URL('./finetune.worker.js', import.meta.url), { type: 'module' }), { restart: true });
 * await tuner.resumeRuns();
 * const { checkpoint } = await tuner.fineTune(examples, { model: 'imu' }, { onProgress: (p) => console.log(p.status) });
 * ```
 */
export function connectFineTuner(
  worker: TunerWorker | WorkerHandle | (() => TunerWorker | WorkerHandle),
  options: FineTunerOptions = {},
): FineTuner {
  const start = typeof worker === 'function' ? () => handleOf(worker()) : () => handleOf(worker);
  const sup = new SupervisedWorker<RemoteFineTuner>('fine-tuning', start, undefined, {
    restart: options.restart,
    startTimeoutMs: options.callTimeoutMs ?? 30_000,
    callTimeoutMs: options.callTimeoutMs,
  });
  sup.open().catch(() => undefined); // the first call reports a failed start
  const long = { timeoutMs: Infinity, heartbeatMs: options.heartbeatMs ?? 30_000 };
  const cb = (f?: (p: FineTuneProgress) => void) => (f ? proxy(f) : undefined);
  return {
    fineTune: (examples, config, o) => sup.call((r) => r.fineTune(examples, config, cb(o?.onProgress)), long),
    resumeRuns: (o) => sup.call((r) => r.resumeRuns(cb(o?.onProgress)), long),
    cancel: () => sup.call((r) => r.cancel()),
    close: () => sup.close(),
  };
}

function handleOf(w: TunerWorker | WorkerHandle): WorkerHandle {
  if (isWorkerHandle(w as Worker | WorkerHandle)) return w as WorkerHandle;
  const e = w as TunerWorker;
  if (typeof e.terminate === 'function' && 'onerror' in e) return webWorkerHandle(e as Worker);
  return { endpoint: e, terminate: () => e.terminate?.(), onDeath: () => undefined };
}
