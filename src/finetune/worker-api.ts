import { expose, proxy, releaseProxy, wrap, type Endpoint } from 'comlink';
import { installErrorTransfer } from '../model/error-transfer.js';
import { openWearDb } from '../storage/open.js';
import type { WearDb } from '../storage/schema.js';
import type { FineTuneExamples } from './examples.js';
import { fineTune, resumeRuns, type FineTuneConfig, type FineTuneOptions, type FineTuneProgress, type FineTuneResult } from './run.js';

/** The API a fine-tuning worker serves over comlink. */
export interface RemoteFineTuner {
  fineTune(examples: FineTuneExamples, config: FineTuneConfig, onProgress?: (p: FineTuneProgress) => void): Promise<FineTuneResult>;
  resumeRuns(onProgress?: (p: FineTuneProgress) => void): Promise<FineTuneResult[]>;
  /** Stops the runs in progress after their current epoch (saved as `cancelled`). */
  cancel(): void;
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
 * import { exposeFineTuner } from 'scl-wear';
 * exposeFineTuner(self as never);
 * ```
 */
export function exposeFineTuner(endpoint: Endpoint, dbName?: string): void {
  installErrorTransfer();
  let db: Promise<WearDb> | undefined;
  const open = () => (db ??= openWearDb(dbName ? { name: dbName } : {}));
  const running = new Set<AbortController>();
  /** Runs `fn` with an abort signal and a progress relay; resolves after every progress call was delivered. */
  const session = async <T>(onProgress: ((p: FineTuneProgress) => unknown) | undefined, fn: (o: FineTuneOptions) => Promise<T>): Promise<T> => {
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
  };
  expose(api, endpoint);
}

/** A fine-tuning worker seen from the page. */
export interface FineTuner {
  /** Trains a head in the worker (see `fineTune`). */
  fineTune(examples: FineTuneExamples, config: FineTuneConfig, options?: { onProgress?: (p: FineTuneProgress) => void }): Promise<FineTuneResult>;
  /** Finishes runs interrupted by a reload (see `resumeRuns`). */
  resumeRuns(options?: { onProgress?: (p: FineTuneProgress) => void }): Promise<FineTuneResult[]>;
  /** Stops the runs in progress after their current epoch. */
  cancel(): Promise<void>;
  /** Releases the connection (and terminates the worker when given one). */
  close(): void;
}

/**
 * Connects to a fine-tuning worker (one running {@link exposeFineTuner}).
 *
 * @param endpoint - a `Worker`, or one end of a `MessageChannel`
 * @example
 * ```ts
 * import { connectFineTuner } from 'scl-wear';
 * const tuner = connectFineTuner(new Worker(new URL('./finetune.worker.js', import.meta.url), { type: 'module' }));
 * await tuner.resumeRuns();
 * const { checkpoint } = await tuner.fineTune(examples, { model: 'imu' }, { onProgress: (p) => console.log(p.status) });
 * ```
 */
export function connectFineTuner(endpoint: Endpoint & { terminate?: () => void }): FineTuner {
  installErrorTransfer();
  const remote = wrap<RemoteFineTuner>(endpoint);
  const cb = (f?: (p: FineTuneProgress) => void) => (f ? proxy(f) : undefined);
  return {
    fineTune: (examples, config, options) => remote.fineTune(examples, config, cb(options?.onProgress)) as Promise<FineTuneResult>,
    resumeRuns: (options) => remote.resumeRuns(cb(options?.onProgress)) as Promise<FineTuneResult[]>,
    cancel: () => remote.cancel(),
    close() {
      remote[releaseProxy]();
      endpoint.terminate?.();
    },
  };
}
